package care.sij.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.launcher.DevKey;
import care.sij.launcher.Repository;
import care.sij.launcher.Suite;
import care.sij.testsupport.SymptomReports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two replicas of each service behind HAProxy on the public ports, one PostgreSQL: what a second
 * replica must not change (one write per keyed request, one action per background job) and what it
 * must add (the catalog's writes seen everywhere, a replica's death survived by clients that retry).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasTest {
  static final int PORT_OFFSET = Integer.getInteger("replicas.port-offset", 16_000);
  /** catalog.refresh-interval as catalog-service's application.properties sets it (the documented delay). */
  static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);
  /** What the bound allows beyond the interval: the rebuild of the snapshot and this test's polling, on a busy machine. */
  static final Duration RELOAD_ALLOWANCE = Duration.ofSeconds(3);
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  private Suite suite;

  @BeforeAll
  void startTwoReplicasOfEach() throws Exception {
    if (!Stream.of("/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy").anyMatch(p -> Files.isExecutable(Path.of(p)))) {
      throw new IllegalStateException("HAProxy is not installed, and the replica test needs it: apt-get install -y haproxy");
    }
    Path root = Repository.root();
    List<String> jvm = new ArrayList<>(Suite.RATE_LIMITS_OUT_OF_REACH); // the load below is one client far faster than an app
    jvm.add("-Dprogress.retry-every=1s");
    suite = new Suite(new Suite.Options(root, root.resolve("replicas/target/suite"), false, PORT_OFFSET, Suite.serviceJvmOptions(jvm),
        true, false, line -> System.out.println("[suite] " + line)).withReplicas(2)).start(); // one at a time: six starts at once on two shared cores outlast the readiness wait
  }

  @AfterAll
  void stop() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  @Order(1)
  void aCatalogWriteOnOneReplicaIsServedByTheOtherWithinTheRefreshInterval() throws Exception {
    String curator = DevKey.forTenant("sij-care", "catalog:read catalog:write", Duration.ofHours(1));
    String id = "replica-" + UUID.randomUUID().toString().substring(0, 8);
    String first = suite.instance("catalog", 1).baseUrl();
    String second = suite.instance("catalog", 2).baseUrl();
    assertEquals(404, get(second + "/v1/exercises/" + id, curator).statusCode(), "the exercise must be new");

    HttpResponse<String> written = post(first + "/v1/exercises", curator, exercise(id), Map.of());
    long writtenAt = System.nanoTime();
    assertEquals(201, written.statusCode(), written.body());
    assertEquals(200, get(first + "/v1/exercises/" + id, curator).statusCode(), "the writing replica serves its write at once");

    Duration bound = REFRESH_INTERVAL.plus(RELOAD_ALLOWANCE);
    Duration seenAfter = null;
    while (seenAfter == null && System.nanoTime() - writtenAt < bound.toNanos() * 3) {
      if (get(second + "/v1/exercises/" + id, curator).statusCode() == 200) {
        seenAfter = Duration.ofNanos(System.nanoTime() - writtenAt);
      } else {
        Thread.sleep(50);
      }
    }
    System.out.println("REPLICAS catalog refresh: written on replica 1, served by replica 2 after "
        + (seenAfter == null ? "never (waited " + bound.multipliedBy(3).toMillis() + " ms)" : seenAfter.toMillis() + " ms")
        + "; bound " + bound.toMillis() + " ms (refresh interval " + REFRESH_INTERVAL.toMillis() + " ms + reload)");
    assertTrue(seenAfter != null && seenAfter.compareTo(bound) <= 0,
        "replica 2 served the write after " + seenAfter + ", beyond the refresh interval's bound " + bound);
  }

  @Test
  @Order(2)
  void aKeyedRetryThatLandsOnTheOtherReplicaGetsTheStoredResponseAndStoresNothing() throws Exception {
    String tenant = "replicas-keys-" + UUID.randomUUID().toString().substring(0, 8);
    String token = DevKey.forTenant(tenant, DevKey.ALL_SCOPES, Duration.ofHours(1));
    String patientId = createPatient(token, "keyed");

    String key = UUID.randomUUID().toString();
    Map<String, Object> entry = Map.of("at", Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).toString(), "score", 4,
        "context", "morning");
    String path = "/v1/patients/" + patientId + "/pain-entries";
    HttpResponse<String> original = post(suite.instance("progress", 1).baseUrl() + path, token, entry, Map.of("Idempotency-Key", key));
    HttpResponse<String> retried = post(suite.instance("progress", 2).baseUrl() + path, token, entry, Map.of("Idempotency-Key", key));
    assertEquals(201, original.statusCode(), original.body());
    assertEquals(201, retried.statusCode(), retried.body());
    assertEquals(JSON.readTree(original.body()), JSON.readTree(retried.body()), "the other replica answers with the stored response");
    assertEquals(1, count("SELECT count(*) FROM progress.pain_entry WHERE patient_id = ?", UUID.fromString(patientId)));

    String assessmentKey = UUID.randomUUID().toString();
    HttpResponse<String> assessed = post(suite.instance("triage", 1).baseUrl() + "/v1/assessments", token, SymptomReports.benign(),
        Map.of("Idempotency-Key", assessmentKey));
    HttpResponse<String> assessedAgain = post(suite.instance("triage", 2).baseUrl() + "/v1/assessments", token, SymptomReports.benign(),
        Map.of("Idempotency-Key", assessmentKey));
    assertEquals(201, assessed.statusCode(), assessed.body());
    assertEquals(200, assessedAgain.statusCode(), "triage answers a retry 200 with the stored assessment: " + assessedAgain.body());
    assertEquals(JSON.readTree(assessed.body()), JSON.readTree(assessedAgain.body()), "the other replica answers with the stored assessment");
    assertEquals(1, count("SELECT count(*) FROM triage.assessment WHERE tenant = ?", tenant));
  }

  @Test
  @Order(3)
  void pendingSessionsFallbackAlertsAndErasuresAreSettledOnceWhileBothProgressReplicasRunTheRetryJob() throws Exception {
    String tenant = "replicas-jobs-" + UUID.randomUUID().toString().substring(0, 8);
    String token = DevKey.forTenant(tenant, DevKey.ALL_SCOPES, Duration.ofHours(1));
    int patients = 10;
    List<String> patientIds = new ArrayList<>();
    for (int i = 0; i < patients; i++) {
      patientIds.add(createPatient(token, "jobs-" + i));
    }
    String erased = createPatient(token, "jobs-erased");
    suite.stop("catalog");
    suite.stop("triage");
    List<String> alertIds = new ArrayList<>();
    try {
      String at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
      for (String patientId : patientIds) {
        HttpResponse<String> session = post(suite.url("progress") + "/v1/patients/" + patientId + "/sessions", token, Map.of("at", at,
            "exercises", List.of(Map.of("exerciseId", "cat-cow", "sets", 2, "reps", 10)), "painBefore", 4, "painAfter", 3), Map.of());
        assertEquals(201, session.statusCode(), session.body());
        assertEquals("pending", JSON.readTree(session.body()).path("verification").asText(), session.body());
        HttpResponse<String> entry = post(suite.url("progress") + "/v1/patients/" + patientId + "/pain-entries", token,
            Map.of("at", at, "score", 7, "context", "morning", "redFlags", Map.of("saddleNumbness", true)), Map.of());
        assertEquals(201, entry.statusCode(), entry.body());
        alertIds.add(JSON.readTree(entry.body()).path("redFlagAlertId").asText());
      }
      HttpResponse<String> erasure = HTTP.send(HttpRequest.newBuilder(URI.create(suite.url("progress") + "/v1/patients/" + erased))
          .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(erasure.statusCode() / 100 == 2, "erasure with triage down: " + erasure.statusCode() + " " + erasure.body());
      assertEquals(patients, count("SELECT count(*) FROM progress.alert WHERE tenant = ? AND disposition_source = 'fallback'", tenant));
      assertEquals(1, count("SELECT count(*) FROM progress.pending_erasure WHERE tenant = ?", tenant));

      // both replicas run the job against these rows while triage is down: each logs its failed try
      for (Suite.Started progress : suite.instances("progress")) {
        awaitLogMentions(progress.log(), alertIds.get(0), Duration.ofSeconds(30));
      }
    } finally {
      suite.startAgain("catalog", "triage");
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && (count("SELECT count(*) FROM progress.alert WHERE tenant = ? AND disposition_source = 'fallback'", tenant)
        + count("SELECT count(*) FROM progress.exercise_session s JOIN progress.patient p ON p.id = s.patient_id"
            + " WHERE p.tenant = ? AND s.verification = 'pending'", tenant)
        + count("SELECT count(*) FROM progress.pending_erasure WHERE tenant = ?", tenant)) > 0) {
      Thread.sleep(200);
    }
    Thread.sleep(3000); // a few more runs of both replicas' jobs: anything they would do twice has had its chance

    assertEquals(patients, count("SELECT count(*) FROM progress.exercise_session s JOIN progress.patient p ON p.id = s.patient_id"
        + " WHERE p.tenant = ? AND s.verification = 'verified'", tenant), "every pending session verified");
    assertEquals(0, count("SELECT count(*) FROM progress.pending_erasure WHERE tenant = ?", tenant), "the erasure completed");
    int assessments = 0;
    for (String alertId : alertIds) {
      assertEquals(1, count("SELECT count(*) FROM progress.alert WHERE id = ? AND disposition_source = 'triage'"
          + " AND triage_assessment_id = (SELECT id FROM triage.assessment WHERE idempotency_key = ?)", UUID.fromString(alertId), alertId),
          "alert " + alertId + " answered by triage's one assessment for it");
      assessments += count("SELECT count(*) FROM triage.assessment WHERE idempotency_key = ?", alertId);
    }
    int all = count("SELECT count(*) FROM triage.assessment WHERE tenant = ?", tenant);
    System.out.println("REPLICAS background jobs: " + patients + " fallback alerts -> " + all + " triage assessments (" + assessments
        + " under the alerts' keys), " + patients + " pending sessions verified, 1 erasure completed; both replicas ran the job");
    assertEquals(patients, all, "one triage assessment per alert, not one per replica");
  }

  @Test
  @Order(4)
  void aProgressReplicaKilledUnderLoadLeavesClientsThatRetryWithTheirKeysNoFailedAndNoDuplicatedWrite() throws Exception {
    String tenant = "replicas-kill-" + UUID.randomUUID().toString().substring(0, 8);
    String token = DevKey.forTenant(tenant, DevKey.ALL_SCOPES, Duration.ofHours(1));
    int clients = 8;
    int writesEach = 60;
    List<String> patientIds = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      patientIds.add(createPatient(token, "kill-" + i));
    }
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger retries = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Map<String, AtomicInteger> retriedFor = new ConcurrentHashMap<>();
    Map<String, String> keysToIds = new ConcurrentHashMap<>();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new ArrayList<>();
    Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    for (int c = 0; c < clients; c++) {
      String patientId = patientIds.get(c);
      running.add(pool.submit(() -> {
        for (int i = 0; i < writesEach; i++) {
          String key = UUID.randomUUID().toString();
          Map<String, Object> entry = Map.of("at", base.plusSeconds(i).toString(), "score", i % 11, "context", "morning");
          String outcome = null;
          for (int attempt = 1; attempt <= 20 && outcome == null; attempt++) {
            requests.incrementAndGet();
            if (attempt > 1) {
              retries.incrementAndGet();
            }
            try {
              HttpResponse<String> answer = post(suite.url("progress") + "/v1/patients/" + patientId + "/pain-entries", token, entry,
                  Map.of("Idempotency-Key", key));
              int status = answer.statusCode();
              if (status == 201) {
                outcome = "ok";
                keysToIds.put(key, JSON.readTree(answer.body()).path("id").asText());
              } else if (status == 502 || status == 503 || status == 504) {
                retriedFor.computeIfAbsent(Integer.toString(status), s -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(100);
              } else {
                outcome = status + " " + answer.body();
              }
            } catch (IOException e) {
              retriedFor.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), s -> new AtomicInteger()).incrementAndGet();
              Thread.sleep(100);
            }
          }
          if (!"ok".equals(outcome)) {
            failures.add(key + ": " + (outcome == null ? "no success in 20 attempts" : outcome));
          }
          done.incrementAndGet();
        }
        return null;
      }));
    }
    int total = clients * writesEach;
    while (done.get() < total / 3) {
      Thread.sleep(10);
    }
    int doneAtKill = done.get();
    suite.kill("progress", 2);
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();

    int stored = count("SELECT count(*) FROM progress.pain_entry e JOIN progress.patient p ON p.id = e.patient_id WHERE p.tenant = ?", tenant);
    int keys = count("SELECT count(*) FROM progress.idempotent_request WHERE tenant = ?", tenant);
    int listed = 0;
    for (String patientId : patientIds) {
      listed += readAll(suite.url("progress") + "/v1/patients/" + patientId + "/pain-entries", token);
    }
    int distinctIds = (int) keysToIds.values().stream().distinct().count();
    System.out.println("REPLICAS kill under load: " + clients + " clients, " + total + " keyed writes, progress replica 2 killed (SIGKILL) after "
        + doneAtKill + "; requests " + requests.get() + ", retries " + retries.get() + " " + retriedFor + ", failed " + failures.size()
        + ", stored " + stored + " (listed " + listed + ", keys stored " + keys + "), duplicates " + (stored - keysToIds.size()));
    assertTrue(failures.isEmpty(), "failed writes: " + failures);
    assertEquals(total, keysToIds.size(), "every key answered 201");
    assertEquals(total, distinctIds, "every key its own entry");
    assertEquals(total, stored, "one stored entry per key: no write lost, none duplicated");
    assertEquals(total, listed, "the API lists one entry per key");
    assertEquals(total, keys, "one stored response per key");
    assertTrue(retries.get() > 0, "the kill was felt by the clients (else this proved nothing)");

    suite.startAgain("progress");
    assertEquals(200, get(suite.instance("progress", 2).managementUrl() + "/q/health/ready", null).statusCode());
  }

  private String createPatient(String token, String ref) throws IOException, InterruptedException {
    HttpResponse<String> created = post(suite.url("progress") + "/v1/patients", token, Map.of("ref", ref), Map.of());
    assertEquals(201, created.statusCode(), created.body());
    return JSON.readTree(created.body()).path("id").asText();
  }

  /** How many items a paged listing holds (following nextCursor). */
  private static int readAll(String url, String token) throws IOException, InterruptedException {
    int items = 0;
    String cursor = null;
    do {
      String page = url + "?limit=100" + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
      HttpResponse<String> answer = get(page, token);
      assertEquals(200, answer.statusCode(), answer.body());
      JsonNode json = JSON.readTree(answer.body());
      items += json.path("items").size();
      cursor = json.hasNonNull("nextCursor") ? json.get("nextCursor").asText() : null;
    } while (cursor != null);
    return items;
  }

  private static void awaitLogMentions(Path log, String text, Duration within) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!Files.readString(log).contains(text)) {
      assertTrue(System.nanoTime() < deadline, log + " does not mention " + text + " within " + within);
      Thread.sleep(200);
    }
  }

  private int count(String sql, Object... parameters) throws SQLException {
    try (Connection c = suite.admin().connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(builder.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String url, String token, Object body, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    headers.forEach(builder::header);
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A complete, valid exercise of the test's own. */
  static Map<String, Object> exercise(String id) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", id);
    e.put("name", "Exercise " + id);
    e.put("aliases", List.of("alias of " + id));
    e.put("category", "stabilization");
    e.put("goals", List.of("core_strength"));
    e.put("targets", List.of("core"));
    e.put("position", "supine");
    e.put("equipment", List.of());
    e.put("difficulty", 2);
    e.put("laterality", Map.of("mode", "bilateral", "bothSore", "as_usual"));
    e.put("dosage", Map.of("reps", Map.of("min", 8, "max", 12), "perSide", false));
    e.put("steps", List.of("Get into position.", "Do the movement slowly.", "Come back and rest."));
    e.put("cues", List.of("Breathe evenly."));
    e.put("safety", List.of("Stop if the pain turns sharp."));
    e.put("contraindications", List.of());
    e.put("progressions", List.of());
    e.put("regressions", List.of());
    e.put("sources", List.of("si-joint-back-in-place"));
    return e;
  }
}
