package care.sij.progress;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a careless client or an attacker sends once must not break a patient's figures, nor be stored. */
@QuarkusTest
class PoisonInputTest {
  private final String tenant = "t-" + UUID.randomUUID();
  private String patient;

  @BeforeEach
  void patient() {
    Stubs.healthy();
    patient = Stubs.patient(tenant, 4);
  }

  private ValidatableResponse post(String path, Object body) {
    return Stubs.as(tenant).contentType("application/json").body(body).when().post("/v1/patients/" + patient + path).then();
  }

  private ValidatableResponse get(String path) {
    return Stubs.as(tenant).when().get("/v1/patients/" + patient + path).then();
  }

  private static void refused(ValidatableResponse response, String field, String message) {
    response.statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field))
        .body("errors[0].message", equalTo(message));
  }

  private int stored(String kind) {
    return get("/" + kind + "?limit=100").statusCode(200).extract().<List<?>>path("items").size();
  }

  private static Map<String, Object> entry(String at, String note) {
    return note == null ? Map.of("at", at, "score", 4, "context", "morning") : Map.of("at", at, "score", 4, "context", "morning", "note", note);
  }

  private static Map<String, Object> session(String at) {
    return Map.of("at", at, "exercises", List.of(Map.of("exerciseId", "glute-bridge", "sets", 2, "reps", 10)));
  }

  @Test
  void entriesAndSessionsDatedBeforeTheFloorAreRefusedNamingTheFieldAndNothingIsStored() {
    String yearOne = "0001-01-01T00:00:00Z";
    String recent = Instant.now().minus(Duration.ofHours(1)).toString();
    refused(post("/pain-entries", entry(yearOne, null)), "at", "must not be before 2000-01-01T00:00:00Z");
    refused(post("/pain-entries", entry("1999-12-31T23:59:59Z", null)), "at", "must not be before 2000-01-01T00:00:00Z");
    refused(post("/pain-entries/bulk", Map.of("items", List.of(entry(recent, null), entry(yearOne, null)))), "items[1].at",
        "must not be before 2000-01-01T00:00:00Z");
    refused(post("/sessions", session(yearOne)), "at", "must not be before 2000-01-01T00:00:00Z");
    refused(post("/sessions/bulk", Map.of("items", List.of(session(yearOne)))), "items[0].at",
        "must not be before 2000-01-01T00:00:00Z");
    refused(post("/pain-entries", entry(Instant.now().plus(Duration.ofHours(1)).toString(), null)), "at", "must not be in the future");
    assertEquals(0, stored("pain-entries"));
    assertEquals(0, stored("sessions"));
    post("/pain-entries", entry("2000-01-01T00:00:00Z", null)).statusCode(201);
  }

  @Test
  void controlCharactersInFreeTextAreRefusedNamingTheFieldAndNothingIsStored() {
    String recent = Instant.now().minus(Duration.ofHours(1)).toString();
    for (String note : List.of("a\\u0000b", "bell\\u0007", "escape\\u001b[31m", "lone \\ud800 half")) { // JSON escapes, sent as written
      refused(post("/pain-entries", "{\"at\":\"" + recent + "\",\"score\":4,\"context\":\"morning\",\"note\":\"" + note + "\"}"),
          "note", "must not contain control characters");
      refused(post("/sessions", "{\"at\":\"" + recent + "\",\"exercises\":[{\"exerciseId\":\"glute-bridge\"}],\"note\":\"" + note + "\"}"),
          "note", "must not contain control characters");
    }
    assertEquals(0, stored("pain-entries"));
    assertEquals(0, stored("sessions"));
    post("/pain-entries", entry(recent, "line one\nline two\ttabbed, and an emoji \ud83d\ude00")).statusCode(201);
  }

  @Test
  void enumValueWithSpacesIsRefusedNamingTheFieldNotTrimmed() {
    String recent = Instant.now().minus(Duration.ofHours(1)).toString();
    post("/pain-entries", Map.of("at", recent, "score", 4, "context", "morning ")).statusCode(400).body("errors[0].field", equalTo("context"));
    post("/pain-entries", Map.of("at", recent, "score", 4, "context", "morning", "redFlags", Map.of("trauma", " major")))
        .statusCode(400).body("errors[0].field", equalTo("redFlags.trauma"));
    assertEquals(0, stored("pain-entries"));
  }

  @Test
  void windowsOfFiguresAreBoundedOrderedAndNamedWhenRefused() {
    for (String path : List.of("/progress", "/report")) {
      refused(get(path + "?from=0001-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"), "from", "must not be before 2000-01-01T00:00:00Z");
      refused(get(path + "?from=2024-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"), "to", "must not be in the future");
      refused(get(path + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), "from", "must be before to");
      refused(get(path + "?from=2023-01-01T00:00:00Z&to=2025-01-02T00:00:00Z"), "from", "must be at most 731 days before to");
      get(path + "?from=2023-01-02T00:00:00Z&to=2025-01-02T00:00:00Z").statusCode(200);
      refused(get(path + "?from=yesterday"), "from", "must be an ISO-8601 instant such as 2026-11-21T08:00:00Z");
    }
    refused(get("/pain-entries?from=0001-01-01T00:00:00Z"), "from", "must not be before 2000-01-01T00:00:00Z");
    refused(get("/sessions?to=+99999-01-01T00:00:00Z"), "to", "must not be in the future");
  }

  @Test
  void aRecordStoredBeforeTheBoundsExistedNoLongerBreaksThePatientsFigures() throws SQLException {
    post("/pain-entries", entry(Instant.now().minus(Duration.ofDays(1)).toString(), null)).statusCode(201);
    var config = ConfigProvider.getConfig();
    try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
        var insert = c.prepareStatement("INSERT INTO progress.pain_entry (id, patient_id, at, score, context, created_at)"
            + " VALUES (?, ?, '0001-01-01T00:00:00Z', 9, 'morning', now())")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setObject(2, UUID.fromString(patient));
      insert.executeUpdate();
    }
    get("/progress").statusCode(200);
    get("/report").statusCode(200);
    Stubs.as(tenant).accept("image/svg+xml").when().get("/v1/patients/" + patient + "/report").then().statusCode(200);
  }
}
