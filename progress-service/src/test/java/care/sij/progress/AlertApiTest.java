package care.sij.progress;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import care.sij.progress.domain.PainEntries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AlertApiTest {
  private final String tenant = "t-" + UUID.randomUUID();
  private String patient;
  @Inject
  PainEntries entries;

  @BeforeEach
  void patient() {
    Stubs.healthy();
    patient = Stubs.patient(tenant, 3);
  }

  private String flaggedExerciseAlert() {
    Stubs.as(tenant).contentType("application/json").body(Map.of("at", Instant.now().minus(Duration.ofHours(2)).toString(),
            "exercises", List.of(Map.of("exerciseId", "clamshell", "painDuring", 6)), "painBefore", 3))
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(201);
    return Stubs.as(tenant).when().get("/v1/alerts?status=open&patientId=" + patient).then().statusCode(200)
        .body("items", hasSize(1)).body("items[0].type", equalTo("flagged_exercise")).body("items[0].exerciseId", equalTo("clamshell"))
        .extract().path("items[0].id");
  }

  @Test
  void aCursorThisServiceDidNotHandOutGets400NamingIt() {
    Stubs.as(tenant).when().get("/v1/alerts?cursor=not-one-of-ours").then().statusCode(400).contentType("application/problem+json")
        .body("errors.field", hasItem("cursor"));
  }

  @Test
  void exerciseThatRaisesPainBy2IsFlaggedOnce() {
    flaggedExerciseAlert();
    Stubs.as(tenant).contentType("application/json").body(Map.of("at", Instant.now().minus(Duration.ofHours(1)).toString(),
            "exercises", List.of(Map.of("exerciseId", "clamshell", "painDuring", 7)), "painBefore", 4))
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(201);
    Stubs.as(tenant).when().get("/v1/alerts?patientId=" + patient).then().body("items", hasSize(1));
    Stubs.as(tenant).when().get("/v1/patients/" + patient + "/progress").then()
        .body("flaggedExercises[0].exerciseId", equalTo("clamshell")).body("flaggedExercises[0].sessions", hasSize(2));
  }

  @Test
  void entryWrittenWhileAnotherOfThePatientIsOpenWaitsAndRaisesNoSecondAlert() throws Exception {
    Stubs.as(tenant).contentType("application/json").body(Map.of("at", Instant.now().minus(Duration.ofDays(10)).toString(),
        "score", 5, "context", "morning")).when().post("/v1/patients/" + patient + "/pain-entries").then().statusCode(201);
    AtomicReference<CompletableFuture<Integer>> second = new AtomicReference<>();
    QuarkusTransaction.requiringNew().run(() -> {
      // this write raises "no improvement" and is not committed yet when the second one comes
      entries.add(tenant, UUID.fromString(patient), List.of(new PainEntries.NewEntry(Instant.now().minus(Duration.ofMinutes(6)),
          5, "evening", null, null, null, null)));
      second.set(CompletableFuture.supplyAsync(() -> Stubs.as(tenant).contentType("application/json").body(Map.of("at",
          Instant.now().minus(Duration.ofMinutes(5)).toString(), "score", 5, "context", "evening"))
          .when().post("/v1/patients/" + patient + "/pain-entries").statusCode()));
      try {
        Thread.sleep(1500); // the second write reaches the database meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertEquals(201, second.get().get(30, TimeUnit.SECONDS));
    Stubs.as(tenant).when().get("/v1/alerts?patientId=" + patient).then().statusCode(200)
        .body("items", hasSize(1)).body("items[0].type", equalTo("no_improvement"));
  }

  @Test
  void riseOfOnePointIsNotFlagged() {
    Stubs.as(tenant).contentType("application/json").body(Map.of("at", Instant.now().minus(Duration.ofHours(2)).toString(),
            "exercises", List.of(Map.of("exerciseId", "clamshell", "painDuring", 4)), "painBefore", 3))
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(201);
    Stubs.as(tenant).when().get("/v1/alerts?patientId=" + patient).then().body("items", hasSize(0));
  }

  @Test
  void handlingAnAlertNeedsItsOwnScopeAndKeepsTheActor() {
    String alert = flaggedExerciseAlert();
    var writerOnly = io.restassured.RestAssured.given().auth().oauth2(care.sij.testsupport.DevTokens.forTenant(tenant, "progress:read progress:write"));
    writerOnly.when().post("/v1/alerts/" + alert + "/acknowledge").then().statusCode(403).contentType("application/problem+json");
    Stubs.as(tenant).when().get("/v1/alerts/" + alert).then().body("status", equalTo("open"));
    Stubs.as(tenant).when().post("/v1/alerts/" + alert + "/acknowledge").then().statusCode(200);
    Stubs.as(tenant).when().get("/v1/audit-events?patientId=" + patient).then().statusCode(200)
        .body("items[0].action", equalTo("acknowledge")).body("items[0].resourceType", equalTo("alert"))
        .body("items[0].resourceId", equalTo(alert)).body("items[0].subject", equalTo(tenant + "-dev"));
    Stubs.as(tenant).when().get("/v1/audit-events").then().statusCode(200)
        .body("items.findAll { it.resourceId == '" + alert + "' && it.action == 'acknowledge' }.outcome", org.hamcrest.Matchers.hasItems(403, 200));
  }

  @Test
  void alertIsAcknowledgedThenResolvedAndStaysResolved() {
    String alert = flaggedExerciseAlert();
    Stubs.as(tenant).when().post("/v1/alerts/" + alert + "/acknowledge").then().statusCode(200).body("status", equalTo("acknowledged"));
    Stubs.as(tenant).when().post("/v1/alerts/" + alert + "/acknowledge").then().statusCode(409).contentType("application/problem+json");
    Stubs.as(tenant).when().get("/v1/alerts?status=open&patientId=" + patient).then().body("items", hasSize(0));
    Stubs.as(tenant).when().post("/v1/alerts/" + alert + "/resolve").then().statusCode(200).body("status", equalTo("resolved"));
    Stubs.as(tenant).when().post("/v1/alerts/" + alert + "/resolve").then().statusCode(409);
    Stubs.as(tenant).when().get("/v1/alerts?status=resolved").then().body("items.id", hasItem(alert))
        .body("items.status", everyItem(equalTo("resolved")));
  }

  @Test
  void resolvedFlagStaysResolvedUntilTheExerciseHurtsAgain() {
    String first = flaggedExerciseAlert();
    Stubs.as(tenant).when().post("/v1/alerts/" + first + "/resolve").then().statusCode(200);
    session(Map.of("exerciseId", "clamshell", "painDuring", 3), 3); // no rise: nothing new
    Stubs.as(tenant).when().get("/v1/alerts?status=open&patientId=" + patient).then().body("items", hasSize(0));
    session(Map.of("exerciseId", "clamshell", "painDuring", 5), 2);
    Stubs.as(tenant).when().get("/v1/alerts?status=open&patientId=" + patient).then().body("items", hasSize(1))
        .body("items[0].exerciseId", equalTo("clamshell")).body("items[0].id", not(equalTo(first)))
        .body("items[0].detail", containsString("in 2 session(s)"));
  }

  private void session(Map<String, Object> exercise, int painBefore) {
    Stubs.as(tenant).contentType("application/json").body(Map.of("at", Instant.now().minus(Duration.ofMinutes(30)).toString(),
            "exercises", List.of(exercise), "painBefore", painBefore))
        .when().post("/v1/patients/" + patient + "/sessions").then().statusCode(201);
  }

  @Test
  void alertsBelongToTheirTenant() {
    String alert = flaggedExerciseAlert();
    String other = "other-" + tenant;
    Stubs.as(other).when().get("/v1/alerts/" + alert).then().statusCode(404);
    Stubs.as(other).when().post("/v1/alerts/" + alert + "/acknowledge").then().statusCode(404);
    Stubs.as(other).when().post("/v1/alerts/" + alert + "/resolve").then().statusCode(404);
    Stubs.as(other).when().get("/v1/alerts").then().statusCode(200).body("items.id", not(hasItem(alert)));
    Stubs.as(tenant).when().get("/v1/alerts/" + alert).then().statusCode(200).body("status", equalTo("open"));
  }

  @Test
  void badStatusFilterGets400() {
    Stubs.as(tenant).when().get("/v1/alerts?status=closed").then().statusCode(400).contentType("application/problem+json")
        .body("errors.field", hasItem("status"));
  }
}
