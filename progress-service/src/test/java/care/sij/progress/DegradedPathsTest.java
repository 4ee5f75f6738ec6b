package care.sij.progress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.progress.domain.RetryJob;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A write is never lost because another service is down; what could not be done is done later. */
@QuarkusTest
class DegradedPathsTest {
  private final String tenant = "t-" + UUID.randomUUID();
  private String patient;

  @Inject
  RetryJob retry;

  @Inject
  CircuitBreakerMaintenance circuitBreakers;

  @BeforeEach
  void patient() {
    Stubs.healthy();
    patient = Stubs.patient(tenant, 3);
  }

  @AfterEach
  void healthyAgain() {
    Stubs.healthy();
    circuitBreakers.resetAll();
  }

  private io.restassured.response.ValidatableResponse session(String... exerciseIds) {
    List<Map<String, Object>> done = java.util.Arrays.stream(exerciseIds).map(id -> Map.<String, Object>of("exerciseId", id)).toList();
    return Stubs.as(tenant).contentType("application/json")
        .body(Map.of("at", Instant.now().minus(Duration.ofMinutes(30)).toString(), "exercises", done, "painBefore", 3, "painAfter", 3))
        .when().post("/v1/patients/" + patient + "/sessions").then();
  }

  @Test
  void knownExercisesAreVerifiedAndLookupsAreCached() {
    String exercise = Stubs.freshExercise();
    session(exercise).statusCode(201).body("verification", equalTo("verified"));
    session(exercise).statusCode(201).body("verification", equalTo("verified"));
    assertEquals(1, Stubs.catalogCalls(exercise), "the second session uses the cached answer");
  }

  @Test
  void sessionOfCachedExercisesIsStoredWithoutAskingTheCatalogAndAStrangersPatientStillGets404() {
    String exercise = Stubs.freshExercise();
    session(exercise).statusCode(201);
    Stubs.server().stubFor(get(urlPathMatching("/v1/exercises/.*")).atPriority(0).willReturn(aResponse().withStatus(503)));
    var stored = session(exercise).statusCode(201).body("verification", equalTo("verified")).extract();
    assertTrue(stored.header("Location").endsWith("/sessions/" + stored.path("id")), stored.header("Location"));
    Stubs.as("other-" + tenant).contentType("application/json")
        .body(Map.of("at", Instant.now().toString(), "exercises", List.of(Map.of("exerciseId", exercise))))
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(404).contentType("application/problem+json");
    assertEquals(1, Stubs.catalogCalls(exercise), "only the first session asked the catalog");
    Stubs.as(tenant).when().get("/v1/patients/" + patient + "/sessions").then().body("items.size()", equalTo(2));
  }

  @Test
  void sessionRetryWithTheSameKeyStoresNothingNew() {
    Map<String, Object> body = Map.of("at", Instant.now().minus(Duration.ofMinutes(10)).toString(),
        "exercises", List.of(Map.of("exerciseId", "bird-dog", "sets", 2)), "effort", 4);
    String first = Stubs.as(tenant).header("Idempotency-Key", "s-1").contentType("application/json").body(body)
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(201).extract().path("id");
    Stubs.as(tenant).header("Idempotency-Key", "s-1").contentType("application/json").body(body)
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(201).body("id", equalTo(first));
    Stubs.as(tenant).when().get("/v1/patients/" + patient + "/sessions").then().body("items.size()", equalTo(1));
  }

  @Test
  void anotherTenantsPatientIs404ForSessions() {
    String other = "other-" + tenant;
    Map<String, Object> body = Map.of("at", Instant.now().toString(), "exercises", List.of(Map.of("exerciseId", "bird-dog")));
    Stubs.as(other).contentType("application/json").body(body).when().post("/v1/patients/" + patient + "/sessions").then().statusCode(404);
    Stubs.as(other).contentType("application/json").body(Map.of("items", List.of(body)))
        .when().post("/v1/patients/" + patient + "/sessions/bulk").then().statusCode(404);
    Stubs.as(other).when().get("/v1/patients/" + patient + "/sessions").then().statusCode(404);
    Stubs.as(tenant).when().get("/v1/patients/" + patient + "/sessions").then().body("items.size()", equalTo(0));
  }

  @Test
  void unknownExerciseGets422NamingItAndStoresNothing() {
    session(Stubs.freshExercise(), "unknown-move").statusCode(422).contentType("application/problem+json")
        .body("errors.field", hasItem("exercises[1].exerciseId"));
    Stubs.as(tenant).when().get("/v1/patients/" + patient + "/sessions").then().body("items.size()", equalTo(0));
  }

  @Test
  void failingCatalogIsRetriedThenTheSessionIsStoredPendingAndVerifiedLater() {
    String exercise = Stubs.freshExercise();
    Stubs.server().stubFor(get(urlPathMatching("/v1/exercises/.*")).atPriority(0).willReturn(aResponse().withStatus(503)));
    String id = session(exercise).statusCode(201).body("verification", equalTo("pending")).extract().path("id");
    assertEquals(3, Stubs.catalogCalls(exercise), "one call and two retries of a safe read");
    Stubs.healthy();
    retry.run();
    Stubs.as(tenant).when().get("/v1/patients/" + patient + "/sessions").then()
        .body("items.find { it.id == '" + id + "' }.verification", equalTo("verified"));
  }

  @Test
  void resetConnectionAndTimeoutAlsoStoreThePendingSession() {
    Stubs.server().stubFor(get(urlPathMatching("/v1/exercises/.*")).atPriority(0)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    session(Stubs.freshExercise()).statusCode(201).body("verification", equalTo("pending"));
    Stubs.server().stubFor(get(urlPathMatching("/v1/exercises/.*")).atPriority(0)
        .willReturn(aResponse().withFixedDelay(3_000).withHeader("Content-Type", "application/json").withBody("{\"id\":\"x\"}")));
    session(Stubs.freshExercise()).statusCode(201).body("verification", equalTo("pending"));
  }

  @Test
  void exerciseTheCatalogTurnsOutNotToKnowIsMarkedLater() {
    Stubs.server().stubFor(get(urlPathMatching("/v1/exercises/.*")).atPriority(0).willReturn(aResponse().withStatus(500)));
    String id = session("unknown-" + Stubs.freshExercise()).statusCode(201).body("verification", equalTo("pending")).extract().path("id");
    Stubs.healthy();
    retry.run();
    Stubs.as(tenant).when().get("/v1/patients/" + patient + "/sessions").then()
        .body("items.find { it.id == '" + id + "' }.verification", equalTo("unknown_exercise"));
  }

  @Test
  void unreachableTriageRaisesTheRedFlagAtTheMostCautiousLevelAndRetries() {
    Stubs.server().stubFor(post(urlPathEqualTo("/v1/assessments")).atPriority(0).willReturn(aResponse().withStatus(500)));
    String alert = Stubs.as(tenant).contentType("application/json")
        .body(Map.of("at", Instant.now().toString(), "score", 5, "context", "night", "redFlags", Map.of("feverOrChills", true)))
        .when().post("/v1/patients/" + patient + "/pain-entries").then().statusCode(201).extract().path("redFlagAlertId");
    assertEquals(1, Stubs.triageCalls(), "a POST is not retried on the spot");
    Stubs.as(tenant).when().get("/v1/alerts/" + alert).then()
        .body("disposition", equalTo("emergency_ambulance")).body("dispositionSource", equalTo("fallback"));
    Stubs.healthy();
    retry.run();
    Stubs.as(tenant).when().get("/v1/alerts/" + alert).then()
        .body("disposition", equalTo("emergency")).body("dispositionSource", equalTo("triage"));
    assertEquals(1, Stubs.triageCalls(), "the retry asked once, with the alert id as Idempotency-Key");
  }

  @Test
  void timedOutTriageAlsoFallsBack() {
    Stubs.server().stubFor(post(urlPathEqualTo("/v1/assessments")).atPriority(0).willReturn(aResponse().withFixedDelay(4_000)
        .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + UUID.randomUUID() + "\",\"disposition\":\"self_care\"}")));
    String alert = Stubs.as(tenant).contentType("application/json")
        .body(Map.of("at", Instant.now().toString(), "score", 5, "context", "night", "redFlags", Map.of("trauma", "major")))
        .when().post("/v1/patients/" + patient + "/pain-entries").then().statusCode(201).extract().path("redFlagAlertId");
    Stubs.as(tenant).when().get("/v1/alerts/" + alert).then().body("dispositionSource", equalTo("fallback"));
  }
}
