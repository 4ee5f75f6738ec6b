package care.sij.adversarial.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.adversarial.RunningSuite;
import care.sij.launcher.Suite;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A patient's whole flow through the real services, a red flag included, then their erasure: the
 * owning tenant reads the assessment its red-flag alert names, no service identity can list it, and
 * after the erasure no row of any table of any service still holds anything about the patient (every
 * table the database has, found in information_schema, so that a new one is never missed), and the
 * patient's earlier keyed write replays as 404.
 */
class CrossServiceErasureTest {
  private static final Duration SETTLE_WITHIN = Duration.ofSeconds(30);
  /** Tables that may keep the patient's id as a tombstone of who erased whom (the audit trail), never what was recorded. */
  private static final String TOMBSTONE_TABLES = "audit";

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String tenant = "erasure-" + suffix;
  private final String ref = "erase-me-" + suffix;
  private final String note = "numb when sitting " + suffix;
  private final String key = "keyed-" + suffix;

  private RequestSpecification as(String service) {
    return given().baseUri(RunningSuite.url(service)).auth().oauth2(RunningSuite.token(tenant));
  }

  @Test
  void erasingAPatientLeavesNothingAboutThemInAnyTableOfAnyService() throws Exception {
    String patient = as("progress").contentType(ContentType.JSON)
        .body(Map.of("ref", ref, "plan", Map.of("routineId", "stability-routine", "sessionsPerWeek", 3)))
        .when().post("/v1/patients").then().statusCode(201).extract().path("id");
    Map<String, Object> redFlag = Map.of("at", Instant.now().minusSeconds(120).toString(), "score", 7, "context", "night",
        "note", note, "redFlags", Map.of("saddleNumbness", true));
    var entry = as("progress").header("Idempotency-Key", key).contentType(ContentType.JSON).body(redFlag)
        .when().post("/v1/patients/" + patient + "/pain-entries").then().statusCode(201).extract();
    String entryId = entry.path("id");
    String alertId = entry.path("redFlagAlertId");
    as("progress").contentType(ContentType.JSON).body(Map.of("at", Instant.now().minusSeconds(60).toString(), "score", 4,
        "context", "morning")).when().post("/v1/patients/" + patient + "/pain-entries").then().statusCode(201);
    as("progress").header("Idempotency-Key", key + "-session").contentType(ContentType.JSON)
        .body(Map.of("at", Instant.now().minusSeconds(90).toString(), "exercises", List.of(Map.of("exerciseId", "clamshell",
            "painDuring", 6)), "painBefore", 3, "note", note))
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(201);
    as("progress").when().get("/v1/patients/" + patient + "/progress").then().statusCode(200);

    // the red flag's assessment is the tenant's: it reads it at the id the alert gives
    String assessment = triageAssessmentOf(alertId);
    as("triage").when().get("/v1/assessments/" + assessment).then().statusCode(200).body("patientRef", equalTo(ref));
    as("triage").when().get("/v1/assessments?patientRef=" + ref).then().statusCode(200).body("items.id", equalTo(List.of(assessment)));
    // the tenant's own app may assess the patient directly too: that is about the patient as well
    as("triage").contentType(ContentType.JSON).body(Map.of("patientRef", ref, "painIntensity", 5)).when().post("/v1/assessments")
        .then().statusCode(201);
    serviceIdentityCannotReadAssessments(assessment);

    List<String> markers = List.of(patient, ref, note, key, entryId, alertId, assessment);
    Map<String, Integer> before = rowsAbout(markers);
    for (String table : List.of("progress.patient", "progress.pain_entry", "progress.pain_day", "progress.exercise_session",
        "progress.alert", "progress.idempotent_request", "triage.assessment")) {
      assertTrue(before.getOrDefault(table, 0) > 0, "the flow left no row about the patient in " + table + ": " + before);
    }

    as("progress").when().delete("/v1/patients/" + patient).then().statusCode(204);

    Map<String, Integer> after = rowsAbout(markers);
    // the audit trail names the patient by id, and in triage by the tenant's ref, never by what was recorded
    Map<String, Integer> contentAfter = rowsAbout(List.of(note, key));
    System.out.println("[erasure] rows about the patient, table by table, before: " + before + "; after: " + after
        + "; holding what was recorded after: " + contentAfter);
    Map<String, Integer> left = new LinkedHashMap<>();
    after.forEach((table, rows) -> {
      if (rows > 0 && !table.contains(TOMBSTONE_TABLES)) {
        left.put(table, rows);
      }
    });
    contentAfter.forEach((table, rows) -> {
      if (rows > 0) {
        left.merge(table, rows, Math::max);
      }
    });
    assertEquals(Map.of(), left, "rows about the erased patient remain");

    as("progress").header("Idempotency-Key", key).contentType(ContentType.JSON).body(redFlag)
        .when().post("/v1/patients/" + patient + "/pain-entries").then().statusCode(404).contentType("application/problem+json");
    as("progress").when().get("/v1/alerts/" + alertId).then().statusCode(404);
    as("triage").when().get("/v1/assessments/" + assessment).then().statusCode(404);
    as("triage").when().get("/v1/assessments?patientRef=" + ref).then().statusCode(200).body("items.size()", equalTo(0));
  }

  /** The alert's assessment id once triage has answered (at once, unless the suite was busy: then by the retry job). */
  private String triageAssessmentOf(String alertId) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
    while (true) {
      var alert = as("progress").when().get("/v1/alerts/" + alertId).then().statusCode(200).extract();
      if ("triage".equals(alert.path("dispositionSource"))) {
        return alert.path("triageAssessmentId");
      }
      assertTrue(System.nanoTime() < deadline, "triage never answered about alert " + alertId + ": " + alert.asString());
      Thread.sleep(250);
    }
  }

  /** progress-service's own client-credentials token, as the issuer gives it, lists and reads nothing of the tenant's. */
  private void serviceIdentityCannotReadAssessments(String assessment) {
    String token = given().baseUri("http://127.0.0.1:" + (Suite.TOKEN_PORT + RunningSuite.PORT_OFFSET)).contentType(ContentType.URLENC)
        .formParam("grant_type", "client_credentials").formParam("client_id", "progress-service").formParam("client_secret", "dev-secret")
        .formParam("scope", "triage:read triage:assess triage:delegate").when().post("/token").then().statusCode(200)
        .extract().path("access_token");
    for (RequestSpecification service : List.of(given(), given().header("On-Behalf-Of-Tenant", tenant))) {
      service.baseUri(RunningSuite.url("triage")).auth().oauth2(token).when().get("/v1/assessments").then().statusCode(403);
    }
    given().baseUri(RunningSuite.url("triage")).auth().oauth2(token).header("On-Behalf-Of-Tenant", tenant)
        .when().get("/v1/assessments/" + assessment).then().statusCode(403);
  }

  /**
   * For every table of every schema but the system's, how many of its rows hold one of the markers
   * anywhere in them (the row as text), behind the API.
   */
  private static Map<String, Integer> rowsAbout(List<String> markers) throws SQLException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (Connection c = RunningSuite.database().admin().connect()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r = c.createStatement().executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
          + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
          + " AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%' ORDER BY 1")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      assertTrue(tables.containsAll(Set.of("progress.patient", "triage.assessment")), "tables found: " + tables);
      String anyMarker = String.join(" OR ", markers.stream().map(m -> "strpos(x::text, ?) > 0").toList());
      for (String table : tables) {
        try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + table + " AS x WHERE " + anyMarker)) {
          for (int i = 0; i < markers.size(); i++) {
            count.setString(i + 1, markers.get(i));
          }
          try (ResultSet r = count.executeQuery()) {
            r.next();
            counts.put(table, r.getInt(1));
          }
        }
      }
    }
    return counts;
  }
}
