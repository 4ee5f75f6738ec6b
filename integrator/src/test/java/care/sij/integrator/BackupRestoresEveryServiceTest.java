package care.sij.integrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.launcher.DevKey;
import care.sij.launcher.Directories;
import care.sij.launcher.Postgres;
import care.sij.launcher.Repository;
import care.sij.launcher.ServiceSchemas;
import care.sij.launcher.Suite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ops/pg-backup as an operator runs it: data written through the API to all three services is
 * dumped per service, restored into a fresh cluster, and a suite started on that cluster answers
 * every read exactly as the first one did; a damaged, mislabelled or misdirected restore is refused
 * and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoresEveryServiceTest {
  private static final int SOURCE_OFFSET = 20_000;
  private static final int RESTORED_OFFSET = 21_000;
  private static final List<String> SERVICES = ServiceSchemas.SERVICES;
  private static final String TENANT = "backup-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String CURATOR = "sij-care"; // catalog.curator-tenant's default
  private static final OffsetDateTime DAY0 = LocalDate.now(ZoneOffset.UTC).minusDays(16).atTime(8, 0).atOffset(ZoneOffset.UTC);
  private static final OffsetDateTime END = DAY0.plusDays(13).plusHours(12);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path root = Repository.root();
  private final Path work = root.resolve("integrator/target/backup");
  private final Path dumps = work.resolve("dumps");
  /** What each read answered before the backup, by the read's name. */
  private final Map<String, JsonNode> before = new LinkedHashMap<>();
  private final List<Read> reads = new ArrayList<>();

  /** One GET whose answer must survive the backup: against a service, as a tenant. */
  private record Read(String name, String service, String tenant, String path) {}

  @BeforeAll
  void writeThroughTheApiAndBackUpEveryService() throws Exception {
    Assumptions.assumeTrue(System.getenv(Postgres.URL_VARIABLE) == null,
        "a fresh cluster to restore into cannot be made beside the server " + Postgres.URL_VARIABLE + " names");
    Directories.deleteRecursively(work);
    Files.createDirectories(dumps);
    try (Suite source = start(work.resolve("source"), false, SOURCE_OFFSET)) {
      Map<String, String> urls = urls(source);
      writeData(urls);
      Thread.sleep(2_000); // a read's audit event is listed within a second of its answer
      String auditTo = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
      reads.add(new Read("catalog audit", "catalog", CURATOR, "/v1/audit-events?limit=100&to=" + auditTo));
      reads.add(new Read("triage audit", "triage", TENANT, "/v1/audit-events?limit=100&to=" + auditTo));
      reads.add(new Read("progress audit", "progress", TENANT, "/v1/audit-events?limit=100&to=" + auditTo));
      for (Read read : reads) {
        before.put(read.name(), get(urls, read));
      }
      for (String service : SERVICES) {
        Result backup = script(source.admin(), "backup", service, dumps.toString());
        assertEquals(0, backup.exit(), "backup of " + service + ": " + backup.output());
        System.out.println("[backup] " + backup.output().strip());
      }
    }
  }

  @AfterAll
  void removeTheClusters() {
    Directories.deleteRecursively(work);
  }

  @Test
  void aFreshClusterRestoredFromTheDumpsAnswersEveryReadAsBefore() throws Exception {
    Path restored = work.resolve("restored");
    long started = System.nanoTime();
    try (Postgres fresh = Postgres.forSuite(restored.resolve("postgres"), true)) {
      ServiceSchemas.ensureAll(fresh.admin()); // the roles (and empty schemas), as docker/postgres/service-schema.sql makes them
      for (String service : SERVICES) {
        Result restore = script(fresh.admin(), "restore", service, dumps.toString());
        assertEquals(0, restore.exit(), "restore of " + service + ": " + restore.output());
        System.out.println("[backup] " + restore.output().strip());
      }
      System.out.printf("[backup] a fresh cluster made and the three dumps restored in %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      assertTheServiceOwnsItsTablesAndMayOnlyAppendToItsAudit(fresh.admin());
    }
    try (Suite again = start(restored, true, RESTORED_OFFSET)) {
      Map<String, String> urls = urls(again);
      for (Read read : reads) {
        assertEquals(before.get(read.name()), get(urls, read), read.name() + " (" + read.path() + ") answers as before the backup");
      }
    }
  }

  @Test
  void aDumpWithOneFlippedByteIsRefusedAndChangesNothing() throws Exception {
    Path damaged = copyOf("progress", "damaged");
    Path dump = damaged.resolve("progress.dump");
    byte[] bytes = Files.readAllBytes(dump);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(dump, bytes);
    try (Postgres target = Postgres.forTests(work.resolve("damaged-target"))) {
      ServiceSchemas.ensureAll(target.admin());
      Result restore = script(target.admin(), "restore", "progress", damaged.toString());
      assertEquals(4, restore.exit(), "a refusal's exit code: " + restore.output());
      assertTrue(restore.output().contains("checksum mismatch"), "the refusal says why: " + restore.output());
      assertNothingOf("progress", target.admin());
    }
  }

  @Test
  void anotherServicesDumpUnderThisServicesNameIsRefused() throws Exception {
    Path mislabelled = work.resolve("mislabelled");
    Files.createDirectories(mislabelled);
    Files.copy(dumps.resolve("triage.dump"), mislabelled.resolve("progress.dump"));
    Files.writeString(mislabelled.resolve("progress.manifest.json"),
        Files.readString(dumps.resolve("triage.manifest.json")).replace("\"service\": \"triage\"", "\"service\": \"progress\""));
    Files.writeString(mislabelled.resolve("progress.sha256"), sha256("progress.dump", mislabelled) + sha256("progress.manifest.json", mislabelled));
    try (Postgres target = Postgres.forTests(work.resolve("mislabelled-target"))) {
      ServiceSchemas.ensureAll(target.admin());
      Result restore = script(target.admin(), "restore", "progress", mislabelled.toString());
      assertEquals(4, restore.exit(), "a refusal's exit code: " + restore.output());
      assertTrue(restore.output().contains("holds the schemas triage triage_audit, not those of progress"),
          "the refusal names the schemas the dump holds: " + restore.output());
      assertNothingOf("progress", target.admin());
    }
  }

  @Test
  void aRestoreOverDataIsRefusedUnlessToldToReplaceIt() throws Exception {
    try (Postgres target = Postgres.forTests(work.resolve("occupied-target"))) {
      ServiceSchemas.ensureAll(target.admin());
      assertEquals(0, script(target.admin(), "restore", "catalog", dumps.toString()).exit(), "the first restore");
      long exercises = count(target.admin(), "SELECT count(*) FROM catalog.exercise");
      try (Connection c = target.admin().connect(); Statement s = c.createStatement()) {
        s.execute("UPDATE catalog.exercise SET retired = true WHERE id = (SELECT min(id) FROM catalog.exercise)");
      }
      Result again = script(target.admin(), "restore", "catalog", dumps.toString());
      assertEquals(4, again.exit(), "a refusal's exit code: " + again.output());
      assertTrue(again.output().contains("already holds data of catalog"), "the refusal says why: " + again.output());
      assertEquals(1, count(target.admin(), "SELECT count(*) FROM catalog.exercise WHERE retired"), "the refused restore changed nothing");

      Result clean = script(target.admin(), "restore", "catalog", dumps.toString(), "--clean");
      assertEquals(0, clean.exit(), "--clean replaces the data: " + clean.output());
      assertEquals(0, count(target.admin(), "SELECT count(*) FROM catalog.exercise WHERE retired"), "the dump's data is back");
      assertEquals(exercises, count(target.admin(), "SELECT count(*) FROM catalog.exercise"));
    }
  }

  // ------------------------------------------------------------------ the data

  private void writeData(Map<String, String> urls) throws Exception {
    String exerciseId = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).replaceAll("\\d", "k");
    ObjectNode exercise = JSON.createObjectNode().put("id", exerciseId).put("name", "Backup probe " + exerciseId)
        .put("category", "stabilization").put("position", "supine").put("difficulty", 2);
    exercise.putArray("aliases").add("probe " + exerciseId);
    exercise.putArray("goals").add("core_strength");
    exercise.putArray("targets").add("core");
    exercise.putArray("equipment");
    exercise.putObject("laterality").put("mode", "bilateral").put("bothSore", "as_usual");
    ObjectNode dosage = exercise.putObject("dosage").put("perSide", false);
    dosage.putObject("reps").put("min", 8).put("max", 12);
    exercise.putArray("steps").add("Lie on your back.").add("Tighten the belly gently.").add("Let go and rest.");
    exercise.putArray("cues").add("Keep breathing.");
    exercise.putArray("safety").add("Stop if the pain turns sharp.");
    exercise.putArray("contraindications");
    exercise.putArray("progressions");
    exercise.putArray("regressions");
    exercise.putArray("sources").add("si-joint-back-in-place");
    post(urls.get("catalog"), CURATOR, "/v1/exercises", exercise, 201);

    String ref = "pt-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode assessment = post(urls.get("triage"), TENANT, "/v1/assessments", benignReport(ref), 201);
    String routine = assessment.path("pathway").path("routineId").asText();
    assertTrue(!routine.isEmpty(), "self-care suggests a routine: " + assessment);

    ObjectNode patientRequest = JSON.createObjectNode().put("ref", ref);
    patientRequest.putObject("plan").put("routineId", routine).put("sessionsPerWeek", 5);
    String patient = post(urls.get("progress"), TENANT, "/v1/patients", patientRequest, 201).path("id").asText();
    ObjectNode entries = JSON.createObjectNode();
    ArrayNode entryItems = entries.putArray("items");
    for (int day = 0; day < 14; day++) {
      entryItems.addObject().put("at", iso(DAY0.plusDays(day))).put("score", day < 7 ? 6 : 3).put("context", "morning")
          .put("side", "left");
    }
    post(urls.get("progress"), TENANT, "/v1/patients/" + patient + "/pain-entries/bulk", entries, 201);
    ObjectNode sessions = JSON.createObjectNode();
    ArrayNode sessionItems = sessions.putArray("items");
    for (int day : List.of(2, 3, 4, 5, 6, 9, 10, 11, 12, 13)) {
      int painBefore = day < 7 ? 6 : 3;
      ObjectNode session = sessionItems.addObject().put("at", iso(DAY0.plusDays(day).plusHours(10))).put("routineId", routine)
          .put("painBefore", painBefore).put("painAfter", painBefore - 1).put("effort", 4);
      session.putArray("exercises").addObject().put("exerciseId", "pelvic-tilt").put("sets", 2).put("reps", 10)
          .put("painDuring", painBefore);
    }
    post(urls.get("progress"), TENANT, "/v1/patients/" + patient + "/sessions/bulk", sessions, 201);
    ObjectNode redFlag = JSON.createObjectNode().put("at", iso(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)))
        .put("score", 7).put("context", "evening").put("side", "left");
    redFlag.putObject("redFlags").put("saddleNumbness", true).put("bowelOrBladderChange", false);
    String alert = post(urls.get("progress"), TENANT, "/v1/patients/" + patient + "/pain-entries", redFlag, 201)
        .path("redFlagAlertId").asText();
    assertTrue(!alert.isEmpty(), "a red flag raises an alert");
    String alertAssessment = triaged(urls, alert).path("triageAssessmentId").asText();

    String window = "?to=" + enc(iso(END));
    reads.add(new Read("catalog exercise", "catalog", TENANT, "/v1/exercises/" + exerciseId));
    reads.add(new Read("catalog search", "catalog", TENANT, "/v1/exercises?limit=100&q=" + exerciseId));
    reads.add(new Read("catalog routine", "catalog", TENANT, "/v1/routines/" + routine));
    reads.add(new Read("catalog sources", "catalog", TENANT, "/v1/sources"));
    reads.add(new Read("assessment", "triage", TENANT, "/v1/assessments/" + assessment.path("id").asText()));
    reads.add(new Read("alert's assessment", "triage", TENANT, "/v1/assessments/" + alertAssessment));
    reads.add(new Read("assessments of the patient", "triage", TENANT, "/v1/assessments?limit=100&patientRef=" + ref));
    reads.add(new Read("patient", "progress", TENANT, "/v1/patients/" + patient));
    reads.add(new Read("pain entries", "progress", TENANT, "/v1/patients/" + patient + "/pain-entries?limit=100"));
    reads.add(new Read("sessions", "progress", TENANT, "/v1/patients/" + patient + "/sessions?limit=100"));
    reads.add(new Read("progress", "progress", TENANT, "/v1/patients/" + patient + "/progress" + window));
    reads.add(new Read("report", "progress", TENANT, "/v1/patients/" + patient + "/report" + window));
    reads.add(new Read("alerts", "progress", TENANT, "/v1/alerts?patientId=" + patient));
    reads.add(new Read("alert", "progress", TENANT, "/v1/alerts/" + alert));
  }

  private static ObjectNode benignReport(String ref) {
    ObjectNode r = JSON.createObjectNode().put("patientRef", ref).put("age", 35).put("painSide", "left").put("painIntensity", 3)
        .put("durationDays", 3).put("homeCareTried", false).put("painTrend", "stable").put("constantPain", false)
        .put("trauma", "none").put("legWeakness", "none");
    r.putArray("painLocations").add("lower_back").add("buttock");
    for (String no : List.of("bowelOrBladderChange", "saddleNumbness", "legNumbnessOrTingling", "feverOrChills",
        "unexplainedWeightLoss", "historyOfCancer", "immunosuppressedOrIvDrugUse", "difficultyWalkingOrStanding", "nightPain",
        "morningStiffnessOver30Min", "inflammatoryDisease", "pregnantOrPostpartum", "recurrentDespiteStabilization", "feelsUnstable")) {
      r.put(no, false);
    }
    return r.put("feelsStuck", true);
  }

  /** The alert once triage's disposition has replaced the cautious fallback, so that it no longer changes. */
  private static JsonNode triaged(Map<String, String> urls, String alert) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonNode read = get(urls, new Read("alert", "progress", TENANT, "/v1/alerts/" + alert));
      if ("triage".equals(read.path("dispositionSource").asText())) {
        return read;
      }
      assertTrue(System.nanoTime() < deadline, "triage never gave the alert its disposition: " + read);
      Thread.sleep(500);
    }
  }

  // ------------------------------------------------------------------ the database

  /** The service owns what it migrates; its audit trail it may read and add to, never change. */
  private static void assertTheServiceOwnsItsTablesAndMayOnlyAppendToItsAudit(Postgres.Admin admin) throws SQLException {
    for (String service : SERVICES) {
      assertEquals(0, count(admin, "SELECT count(*) FROM pg_class WHERE relnamespace = '" + service + "'::regnamespace"
          + " AND relkind IN ('r', 'S') AND pg_get_userbyid(relowner) <> '" + service + "'"), service + " owns every table and sequence");
      assertEquals(1, count(admin, "SELECT count(*) FROM pg_namespace WHERE nspname = '" + service + "' AND pg_get_userbyid(nspowner) = '"
          + service + "'"), service + " owns its schema");
      String audit = service + "_audit.audit_event";
      assertEquals(1, count(admin, "SELECT count(*) WHERE has_table_privilege('" + service + "', '" + audit + "', 'INSERT')"
          + " AND has_table_privilege('" + service + "', '" + audit + "', 'SELECT')"
          + " AND NOT has_table_privilege('" + service + "', '" + audit + "', 'UPDATE')"
          + " AND NOT has_table_privilege('" + service + "', '" + audit + "', 'DELETE')"), service + " may only read and add audit events");
      assertTrue(count(admin, "SELECT count(*) FROM " + audit) > 0, service + "'s audit trail came back");
    }
  }

  /** No table in the service's schema and no audit event: as the roles script leaves a new database. */
  private static void assertNothingOf(String service, Postgres.Admin admin) throws SQLException {
    assertEquals(0, count(admin, "SELECT count(*) FROM pg_class WHERE relnamespace = '" + service + "'::regnamespace"),
        "nothing was restored into " + service);
    assertEquals(0, count(admin, "SELECT count(*) FROM " + service + "_audit.audit_event"), "no audit event was restored");
  }

  private static long count(Postgres.Admin admin, String query) throws SQLException {
    try (Connection c = admin.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ------------------------------------------------------------------ the script

  private record Result(int exit, String output) {}

  /** ops/pg-backup with the admin's connection in the libpq variables, as an operator would call it. */
  private Result script(Postgres.Admin admin, String... args) throws IOException, InterruptedException {
    Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*").matcher(admin.jdbcUrl());
    assertTrue(url.matches(), "a JDBC URL with host, port and database: " + admin.jdbcUrl());
    List<String> command = new ArrayList<>(List.of(root.resolve("ops/pg-backup").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("PGHOST", url.group(1), "PGPORT", url.group(2), "PGDATABASE", url.group(3),
        "PGUSER", admin.user(), "PGPASSWORD", admin.password()));
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "ops/pg-backup finished");
    return new Result(process.exitValue(), output);
  }

  private Path copyOf(String service, String name) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    for (String suffix : List.of(".dump", ".manifest.json", ".sha256")) {
      Files.copy(dumps.resolve(service + suffix), dir.resolve(service + suffix));
    }
    return dir;
  }

  private static String sha256(String file, Path dir) throws Exception {
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(file)));
    return java.util.HexFormat.of().formatHex(digest) + "  " + file + "\n";
  }

  // ------------------------------------------------------------------ the suite and HTTP

  private Suite start(Path workDir, boolean keepDatabase, int offset) throws IOException, InterruptedException {
    return new Suite(new Suite.Options(root, workDir, keepDatabase, offset, Suite.SERVICE_JVM_OPTIONS, false, false,
        line -> System.out.println("[suite] " + line))).start();
  }

  private static Map<String, String> urls(Suite suite) {
    Map<String, String> urls = new LinkedHashMap<>();
    for (String service : SERVICES) {
      urls.put(service, suite.service(service).baseUrl());
    }
    return urls;
  }

  private static JsonNode get(Map<String, String> urls, Read read) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get(read.service()) + read.path()))
        .header("Authorization", "Bearer " + token(read.tenant())).header("Accept", "application/json").GET().build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), read.name() + ": " + response.body());
    JsonNode body = JSON.readTree(response.body());
    assertNotNull(body, read.name());
    if (body instanceof ObjectNode answer) {
      answer.remove("generatedAt"); // when the answer was made (the report's), not stored data
    }
    return body;
  }

  private static JsonNode post(String base, String tenant, String path, JsonNode body, int expected) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token(tenant))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(expected, response.statusCode(), "POST " + path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  private static String token(String tenant) {
    return DevKey.forTenant(tenant, DevKey.ALL_SCOPES, Duration.ofMinutes(30));
  }

  /** With seconds always: OffsetDateTime.toString leaves out zero seconds, which the services refuse. */
  private static String iso(OffsetDateTime at) {
    return at.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
