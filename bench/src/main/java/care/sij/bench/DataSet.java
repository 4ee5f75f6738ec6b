package care.sij.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The data the services hold while they are measured, loaded through their public APIs, and the
 * requests each case sends. Progress: patients with a year of daily pain entries (one a day,
 * slowly improving with noise) and daily exercise sessions, stored through the bulk endpoints; the
 * first tenth of them are only read during the run, the others only written to. Triage: assessments
 * of a realistic mix of reports. The catalog holds its seeds.
 */
final class DataSet {
  static final String TENANT = "bench";
  static final String SESSION_ROUTINE = "stability-routine";
  static final List<String> SESSION_EXERCISES = List.of("knee-squeeze", "glute-bridge", "clamshell", "bird-dog");
  private static final int REQUESTS_PER_CASE = 256;

  final List<String> readPatients = new ArrayList<>();
  final List<String> writePatients = new ArrayList<>();
  final List<String> exercises = new ArrayList<>();
  final List<String> routines = new ArrayList<>();
  final List<String> searches = new ArrayList<>();
  final Instant now;
  int painEntries;
  int sessions;
  int assessments;

  private DataSet(Instant now) {
    this.now = now;
  }

  /** Seeds the services through their APIs; throws on the first request that does not succeed. */
  static DataSet seed(Settings settings, Http http, String catalog, String triage, String progress, Consumer<String> out)
      throws Exception {
    DataSet data = new DataSet(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    data.readCatalog(http, catalog);
    long t0 = System.nanoTime();
    int readers = Math.max(1, settings.patients() / 10);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < settings.patients(); i++) {
        int n = i;
        created.add(pool.submit(() -> data.seedPatient(http, progress, n, settings.days())));
      }
      for (int i = 0; i < created.size(); i++) {
        (i < readers ? data.readPatients : data.writePatients).add(created.get(i).get());
      }
      data.painEntries = settings.patients() * settings.days();
      data.sessions = settings.patients() * settings.days();
      out.accept(String.format("Seeded progress: %d patients, %d pain entries, %d sessions (%.1f s)", settings.patients(),
          data.painEntries, data.sessions, (System.nanoTime() - t0) / 1e9));
      t0 = System.nanoTime();
      List<Future<?>> assessed = new ArrayList<>();
      for (int i = 0; i < settings.assessments(); i++) {
        Http.Call call = Http.Call.post("/v1/assessments", report(new Random(1000 + i), "pt-" + (i % settings.patients())));
        assessed.add(pool.submit(() -> http.send(triage, call)));
      }
      for (Future<?> f : assessed) {
        f.get();
      }
      data.assessments = settings.assessments();
      out.accept(String.format("Seeded triage: %d assessments (%.1f s)", settings.assessments(), (System.nanoTime() - t0) / 1e9));
    } finally {
      pool.shutdownNow();
    }
    return data;
  }

  private void readCatalog(Http http, String catalog) {
    for (JsonNode e : http.send(catalog, Http.Call.get("/v1/exercises?size=100")).json().path("items")) {
      exercises.add(e.path("id").asText());
    }
    for (JsonNode r : http.send(catalog, Http.Call.get("/v1/routines")).json()) {
      routines.add(r.path("id").asText());
    }
    // words people search by, each with a category filter; only combinations that find something are kept
    String[][] candidates = {{"bridge", "stabilization"}, {"stretch", "stretch"}, {"hip", "stretch"}, {"hip", "stabilization"},
        {"knee", "muscle_energy"}, {"plank", "stabilization"}, {"piriformis", "stretch"}, {"hamstring", "stretch"},
        {"pelvic tilt", "mobilization"}, {"glute", "stabilization"}, {"core", "stabilization"}, {"back", "mobilization"}};
    for (String[] c : candidates) {
      String path = "/v1/exercises?q=" + java.net.URLEncoder.encode(c[0], java.nio.charset.StandardCharsets.UTF_8)
          + "&category=" + c[1];
      if (http.send(catalog, Http.Call.get(path)).json().path("total").asInt() > 0) {
        searches.add(path);
      }
    }
    if (exercises.isEmpty() || routines.isEmpty() || searches.size() < 3) {
      throw new IllegalStateException("the catalog holds too little to measure: " + exercises.size() + " exercises, "
          + routines.size() + " routines, " + searches.size() + " searches that find something");
    }
  }

  /** One patient with a year of daily pain entries and sessions; returns the patient's id. */
  private String seedPatient(Http http, String progress, int n, int days) {
    Random random = new Random(n);
    Map<String, Object> plan = Map.of("routineId", SESSION_ROUTINE, "sessionsPerWeek", 5);
    String id = http.send(progress, Http.Call.post("/v1/patients", Map.of("ref", "bench-" + n, "plan", plan)))
        .json().path("id").asText();
    String side = List.of("left", "right", "both").get(n % 3);
    Instant firstDay = now.truncatedTo(ChronoUnit.DAYS).minus(days, ChronoUnit.DAYS);
    double start = 5 + random.nextInt(4);
    double end = 1 + random.nextInt(4);
    List<Object> entries = new ArrayList<>();
    List<Object> sessions = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      Instant day = firstDay.plus(d, ChronoUnit.DAYS);
      int score = clamp((int) Math.round(start + (end - start) * d / days + random.nextGaussian()));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("at", day.plus(7 * 60 + random.nextInt(120), ChronoUnit.MINUTES).toString());
      entry.put("score", score);
      entry.put("context", List.of("morning", "evening", "after_activity", "night").get(random.nextInt(4)));
      entry.put("side", side);
      entry.put("locations", random.nextInt(3) == 0 ? List.of("lower_back", "buttock", "hip") : List.of("lower_back", "buttock"));
      if (random.nextInt(10) == 0) {
        entry.put("note", "Stiff after sitting for a long time");
      }
      entries.add(entry);
      sessions.add(session(random, day.plus(18 * 60 + random.nextInt(90), ChronoUnit.MINUTES), score, random.nextInt(100) == 0));
    }
    http.send(progress, Http.Call.post("/v1/patients/" + id + "/pain-entries/bulk", Map.of("items", entries)));
    http.send(progress, Http.Call.post("/v1/patients/" + id + "/sessions/bulk", Map.of("items", sessions)));
    return id;
  }

  /** A session of the patient's routine; a flare-up makes one exercise hurt (and gets it flagged). */
  private static Map<String, Object> session(Random random, Instant at, int painBefore, boolean flareUp) {
    List<Object> done = new ArrayList<>();
    for (String exercise : SESSION_EXERCISES) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("exerciseId", exercise);
      e.put("side", "both");
      e.put("sets", 2);
      e.put("reps", 10);
      if (flareUp && exercise.equals("glute-bridge")) {
        e.put("painDuring", clamp(painBefore + 3));
      }
      done.add(e);
    }
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("at", at.toString());
    session.put("routineId", SESSION_ROUTINE);
    session.put("exercises", done);
    session.put("painBefore", painBefore);
    session.put("painAfter", clamp(painBefore - 1 + random.nextInt(3)));
    session.put("effort", 3 + random.nextInt(5));
    return session;
  }

  /** A symptom report: mostly complete self-care cases (which ask the catalog for a routine), then the rest. */
  static Map<String, Object> report(Random random, String patientRef) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("patientRef", patientRef);
    int kind = random.nextInt(20);
    if (kind == 0) { // incomplete: red-flag questions left out
      r.put("age", 30 + random.nextInt(40));
      r.put("painIntensity", 3 + random.nextInt(5));
      r.put("painSide", "left");
      return r;
    }
    r.put("age", 25 + random.nextInt(50));
    r.put("painSide", List.of("left", "right", "both").get(random.nextInt(3)));
    r.put("painIntensity", 2 + random.nextInt(5));
    r.put("painLocations", List.of("lower_back", "buttock"));
    r.put("durationDays", 2 + random.nextInt(6));
    r.put("homeCareTried", random.nextBoolean());
    r.put("painTrend", random.nextBoolean() ? "improving" : "stable");
    r.put("constantPain", false);
    r.put("trauma", "none");
    r.put("bowelOrBladderChange", false);
    r.put("saddleNumbness", kind == 1); // one in twenty: an emergency
    r.put("legNumbnessOrTingling", false);
    r.put("legWeakness", "none");
    r.put("feverOrChills", false);
    r.put("unexplainedWeightLoss", false);
    r.put("historyOfCancer", false);
    r.put("difficultyWalkingOrStanding", false);
    r.put("nightPain", false);
    r.put("morningStiffnessOver30Min", false);
    r.put("inflammatoryDisease", false);
    r.put("pregnantOrPostpartum", random.nextInt(8) == 0);
    r.put("recurrentDespiteStabilization", false);
    r.put("feelsStuck", random.nextBoolean());
    r.put("feelsUnstable", random.nextBoolean());
    if (kind >= 2 && kind < 7) { // a quarter: worth a clinician's look
      r.put("painTrend", "worsening");
    }
    return r;
  }

  private static int clamp(int score) {
    return Math.max(0, Math.min(10, score));
  }

  // --- what each case sends: REQUESTS_PER_CASE requests, sent in random order by every connection

  List<Http.Call> exerciseById() {
    return calls(r -> Http.Call.get("/v1/exercises/" + pick(r, exercises)));
  }

  List<Http.Call> exerciseSearch() {
    return calls(r -> Http.Call.get(pick(r, searches)));
  }

  List<Http.Call> routinePlan() {
    List<String> equipment = List.of("chair", "door_frame", "wall", "small_ball", "resistance_band", "looped_band", "swiss_ball");
    return calls(r -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("soreSide", pick(r, List.of("left", "right", "both")));
      List<String> atHand = equipment.stream().filter(e -> r.nextInt(3) > 0).toList();
      body.put("equipment", atHand);
      body.put("pregnant", r.nextInt(8) == 0);
      body.put("maxDifficulty", 3 + r.nextInt(3));
      return Http.Call.post("/v1/routines/" + pick(r, routines) + "/plan", body);
    });
  }

  List<Http.Call> assessment() {
    return calls(r -> Http.Call.post("/v1/assessments", report(r, "pt-" + r.nextInt(1000))));
  }

  /** Pain entries of the last day, to the write patients. */
  List<Http.Call> painEntry() {
    return calls(r -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("at", now.minus(1 + r.nextInt(24 * 60), ChronoUnit.MINUTES).toString());
      entry.put("score", 1 + r.nextInt(6));
      entry.put("context", pick(r, List.of("morning", "evening", "after_exercise")));
      entry.put("side", pick(r, List.of("left", "right")));
      entry.put("locations", List.of("lower_back", "buttock"));
      return Http.Call.post("/v1/patients/" + pick(r, writePatients) + "/pain-entries", entry);
    });
  }

  /** Sessions of the last day, to the write patients. */
  List<Http.Call> session() {
    return calls(r -> {
      int before = 1 + r.nextInt(6);
      return Http.Call.post("/v1/patients/" + pick(r, writePatients) + "/sessions",
          session(r, now.minus(1 + r.nextInt(24 * 60), ChronoUnit.MINUTES), before, false));
    });
  }

  /** The progress figures of a read patient (a year of data). */
  List<Http.Call> progress() {
    return calls(r -> Http.Call.get("/v1/patients/" + pick(r, readPatients) + "/progress"));
  }

  /** The clinician's SVG chart of a read patient (a year of data). */
  List<Http.Call> reportSvg() {
    return calls(r -> Http.Call.get("/v1/patients/" + pick(r, readPatients) + "/report").accepting("image/svg+xml"));
  }

  private static List<Http.Call> calls(java.util.function.Function<Random, Http.Call> make) {
    Random random = new Random(7);
    List<Http.Call> calls = new ArrayList<>();
    for (int i = 0; i < REQUESTS_PER_CASE; i++) {
      calls.add(make.apply(random));
    }
    return calls;
  }

  private static <T> T pick(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
