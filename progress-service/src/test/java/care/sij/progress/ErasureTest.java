package care.sij.progress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.progress.domain.StoredResponses;
import care.sij.progress.domain.RetryJob;
import care.sij.testsupport.PostgresTestResource;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The patient's tenant travels with every call to triage, and erasing a patient leaves nothing behind:
 * not here, not in triage (asked on behalf of the tenant, and again until it confirms), not in the
 * stored responses of keyed writes, which also expire on their own.
 */
@QuarkusTest
class ErasureTest {
  private static final String ON_BEHALF_OF = "On-Behalf-Of-Tenant";
  private final String tenant = "t-" + UUID.randomUUID();
  private final String ref = "pt-" + UUID.randomUUID().toString().substring(0, 8);
  private String patient;

  @Inject
  RetryJob retry;

  @Inject
  StoredResponses idempotency;

  @Inject
  CircuitBreakerMaintenance circuitBreakers;

  @BeforeEach
  void patient() {
    Stubs.healthy();
    circuitBreakers.resetAll(); // failures of earlier tests' calls must not open the breaker on this one's
    patient = Stubs.as(tenant).contentType("application/json").body(Map.of("ref", ref)).when().post("/v1/patients")
        .then().statusCode(201).extract().path("id");
  }

  @AfterEach
  void healthyAgain() {
    Stubs.healthy();
    circuitBreakers.resetAll();
  }

  private ValidatableResponse entry(String key, Map<String, Object> body) {
    var request = Stubs.as(tenant).contentType("application/json").body(body);
    return (key == null ? request : request.header("Idempotency-Key", key)).when().post("/v1/patients/" + patient + "/pain-entries").then();
  }

  private static Map<String, Object> redFlag() {
    return Map.of("at", Instant.now().minus(Duration.ofMinutes(5)).toString(), "score", 6, "context", "night",
        "note", "numb when sitting", "redFlags", Map.of("saddleNumbness", true));
  }

  @Test
  void triageIsAskedOnBehalfOfThePatientsTenantAboutThePatientsRef() {
    String alert = entry(null, redFlag()).statusCode(201).extract().path("redFlagAlertId");
    Stubs.server().verify(1, postRequestedFor(urlPathEqualTo("/v1/assessments"))
        .withHeader(ON_BEHALF_OF, WireMock.equalTo(tenant))
        .withHeader("Idempotency-Key", WireMock.equalTo(alert))
        .withRequestBody(matchingJsonPath("$.patientRef", WireMock.equalTo(ref)))
        .withRequestBody(matchingJsonPath("$.saddleNumbness", WireMock.equalTo("true"))));
    Stubs.as(tenant).when().get("/v1/alerts/" + alert).then().body("dispositionSource", equalTo("triage"));
  }

  @Test
  void erasureAsksTriageOnBehalfOfTheTenantToEraseWhatItMadeBefore() throws SQLException {
    entry(null, redFlag()).statusCode(201);
    Instant before = Instant.now();
    Stubs.as(tenant).accept("application/problem+json").when().delete("/v1/patients/" + patient).then().statusCode(204); // as a generated client asks
    Instant after = Instant.now();
    List<LoggedRequest> erasures = Stubs.server().findAll(deleteRequestedFor(urlPathEqualTo("/v1/assessments"))
        .withHeader(ON_BEHALF_OF, WireMock.equalTo(tenant)).withQueryParam("patientRef", WireMock.equalTo(ref)));
    assertEquals(1, erasures.size());
    Instant createdBefore = Instant.parse(erasures.get(0).queryParameter("createdBefore").firstValue());
    assertFalse(createdBefore.isBefore(before) || createdBefore.isAfter(after.plusMillis(1)), createdBefore + " not within the erasure");
    assertEquals(0, pendingErasures());
    Stubs.as(tenant).when().get("/v1/patients/" + patient).then().statusCode(404);
  }

  @Test
  void erasureWhileTriageIsDownCommitsHereAndTheRetryCompletesIt() throws SQLException {
    entry(null, redFlag()).statusCode(201);
    Stubs.server().stubFor(delete(urlPathEqualTo("/v1/assessments")).atPriority(0).willReturn(aResponse().withStatus(503)));
    Stubs.as(tenant).when().delete("/v1/patients/" + patient).then().statusCode(202);
    Stubs.as(tenant).when().get("/v1/patients/" + patient).then().statusCode(404);
    Stubs.as(tenant).when().get("/v1/alerts?patientId=" + patient).then().statusCode(200).body("items.size()", equalTo(0));
    assertEquals(1, pendingErasures(), "triage's part is kept, without health data, until triage confirms");

    retry.run(); // triage still down: it stays pending
    assertEquals(1, pendingErasures());

    Stubs.healthy();
    retry.run();
    assertEquals(0, pendingErasures());
    assertEquals(1, Stubs.server().findAll(deleteRequestedFor(urlPathEqualTo("/v1/assessments"))
        .withHeader(ON_BEHALF_OF, WireMock.equalTo(tenant)).withQueryParam("patientRef", WireMock.equalTo(ref))).size());
  }

  @Test
  void keyedWritesReplayedAfterErasureGet404AndTheirRecordsAreGone() throws SQLException {
    String key = "entry-" + UUID.randomUUID();
    Map<String, Object> body = redFlag();
    String stored = entry(key, body).statusCode(201).extract().path("id");
    entry(key, body).statusCode(201).body("id", equalTo(stored));
    Map<String, Object> session = Map.of("at", Instant.now().minus(Duration.ofMinutes(3)).toString(),
        "exercises", List.of(Map.of("exerciseId", "clamshell")), "note", "fine");
    String sessionKey = "session-" + UUID.randomUUID();
    Stubs.as(tenant).header("Idempotency-Key", sessionKey).contentType("application/json").body(session)
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(201);
    assertEquals(2, keyedRecords());

    Stubs.as(tenant).when().delete("/v1/patients/" + patient).then().statusCode(204);
    assertEquals(0, keyedRecords());
    entry(key, body).statusCode(404).contentType("application/problem+json");
    Stubs.as(tenant).header("Idempotency-Key", sessionKey).contentType("application/json").body(session)
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(404).contentType("application/problem+json");
    assertEquals(0, keyedRecords());
  }

  @Test
  void anExpiredRecordAnswersNoRetryAndTheSweepDeletesIt() throws SQLException {
    Map<String, Object> body = Map.of("at", Instant.now().minus(Duration.ofMinutes(5)).toString(), "score", 3, "context", "morning");
    String first = entry("old", body).statusCode(201).extract().path("id");
    age("old", Duration.ofHours(25));
    String again = entry("old", body).statusCode(201).extract().path("id");
    assertNotEquals(first, again, "a retry past the retention is a new write");

    entry("swept", body).statusCode(201);
    entry("kept", body).statusCode(201);
    age("swept", Duration.ofHours(25));
    age("kept", Duration.ofHours(23));
    assertTrue(idempotency.expire() >= 1);
    assertEquals(List.of("kept", "old"), keys());
  }

  /** The idempotency key's record of this tenant made older by the given time, as if it had been stored then. */
  private void age(String key, Duration by) throws SQLException {
    try (Connection c = PostgresTestResource.server().admin().connect();
        PreparedStatement update = c.prepareStatement("UPDATE progress.idempotent_request SET created_at = created_at - ?::interval"
            + " WHERE tenant = ? AND idempotency_key = ?")) {
      update.setString(1, by.toSeconds() + " seconds");
      update.setString(2, tenant);
      update.setString(3, key);
      assertEquals(1, update.executeUpdate());
    }
  }

  private int keyedRecords() throws SQLException {
    return keys().size();
  }

  private List<String> keys() throws SQLException {
    try (Connection c = PostgresTestResource.server().admin().connect();
        PreparedStatement query = c.prepareStatement("SELECT idempotency_key FROM progress.idempotent_request WHERE tenant = ? ORDER BY 1")) {
      query.setString(1, tenant);
      List<String> keys = new java.util.ArrayList<>();
      try (ResultSet r = query.executeQuery()) {
        while (r.next()) {
          keys.add(r.getString(1));
        }
      }
      return keys;
    }
  }

  private int pendingErasures() throws SQLException {
    try (Connection c = PostgresTestResource.server().admin().connect();
        PreparedStatement query = c.prepareStatement("SELECT count(*) FROM progress.pending_erasure WHERE tenant = ? AND patient_ref = ?")) {
      query.setString(1, tenant);
      query.setString(2, ref);
      try (ResultSet r = query.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}
