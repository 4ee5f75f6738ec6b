package care.sij.progress;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PainEntryApiTest {
  private final String tenant = "t-" + UUID.randomUUID();
  private String patient;

  @BeforeEach
  void patient() {
    Stubs.healthy();
    patient = Stubs.patient(tenant, 4);
  }

  private static Map<String, Object> entry(Instant at, Object score) {
    Map<String, Object> e = new HashMap<>();
    e.put("at", at.toString());
    e.put("score", score);
    e.put("context", "morning");
    return e;
  }

  private ValidatableResponse post(Object body, String key) {
    var request = Stubs.as(tenant).contentType("application/json").body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.when().post("/v1/patients/" + patient + "/pain-entries").then();
  }

  private int stored() {
    return Stubs.as(tenant).when().get("/v1/patients/" + patient + "/pain-entries?limit=100").then().statusCode(200)
        .extract().<List<?>>path("items").size();
  }

  @Test
  void entryIsStoredAndListedNewestFirstWithinFromAndTo() {
    Instant now = Instant.now();
    Map<String, Object> full = entry(now.minus(Duration.ofHours(3)), 4);
    full.putAll(Map.of("side", "left", "locations", List.of("lower_back", "buttock"), "note", "after the drive", "context", "after_activity"));
    post(full, null).statusCode(201).body("score", equalTo(4)).body("side", equalTo("left"))
        .body("locations", equalTo(List.of("lower_back", "buttock"))).body("redFlagAlertId", nullValue());
    post(entry(now.minus(Duration.ofDays(2)), 6), null).statusCode(201);
    post(entry(now.minus(Duration.ofDays(5)), 7), null).statusCode(201);
    Stubs.as(tenant).when().get("/v1/patients/" + patient + "/pain-entries").then().body("items.score", equalTo(List.of(4, 6, 7)));
    Stubs.as(tenant).queryParam("from", now.minus(Duration.ofDays(3)).toString()).queryParam("to", now.minus(Duration.ofHours(1)).toString())
        .when().get("/v1/patients/" + patient + "/pain-entries").then().body("items.score", equalTo(List.of(4, 6)));
    String cursor = Stubs.as(tenant).when().get("/v1/patients/" + patient + "/pain-entries?limit=2").then()
        .body("items", hasSize(2)).extract().path("nextCursor");
    Stubs.as(tenant).queryParam("cursor", cursor).when().get("/v1/patients/" + patient + "/pain-entries?limit=2").then()
        .body("items.score", equalTo(List.of(7))).body("nextCursor", nullValue());
  }

  @Test
  void futureEntriesAndBadValuesGet400NamingTheFieldAndStoreNothing() {
    post(entry(Instant.now().plus(Duration.ofHours(1)), 3), null).statusCode(400).body("errors.field", hasItem("at"));
    post(entry(Instant.now(), 11), null).statusCode(400).body("errors.field", hasItem("score"));
    post(entry(Instant.now(), "3"), null).statusCode(400).body("errors.field", hasItem("score"));
    Map<String, Object> badContext = entry(Instant.now(), 3);
    badContext.put("context", "lunch");
    post(badContext, null).statusCode(400).body("errors.field", hasItem("context"));
    Map<String, Object> badFlag = entry(Instant.now(), 3);
    badFlag.put("redFlags", Map.of("legWeakness", "severe"));
    post(badFlag, null).statusCode(400).body("errors.field", hasItem("redFlags.legWeakness"));
    Stubs.as(tenant).queryParam("from", "yesterday").when().get("/v1/patients/" + patient + "/pain-entries").then()
        .statusCode(400).body("errors.field", hasItem("from"));
    assertEquals(0, stored());
  }

  @Test
  void retryWithTheSameKeyReturnsTheStoredEntryAndStoresNothingNew() {
    Map<String, Object> e = entry(Instant.now().minus(Duration.ofMinutes(5)), 5);
    String first = post(e, "key-1").statusCode(201).extract().path("id");
    post(e, "key-1").statusCode(201).body("id", equalTo(first));
    post(entry(Instant.now(), 2), "key-1").statusCode(422).body("errors.field", hasItem("Idempotency-Key"));
    assertEquals(1, stored());
  }

  @Test
  void bulkSyncIsAllOrNothingAndNamesTheBadRecord() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      items.add(entry(Instant.now().minus(Duration.ofHours(10 - i)), i % 11));
    }
    items.set(3, entry(Instant.now().minus(Duration.ofHours(7)), 12));
    Stubs.as(tenant).contentType("application/json").body(Map.of("items", items))
        .when().post("/v1/patients/" + patient + "/pain-entries/bulk").then().statusCode(400)
        .contentType("application/problem+json").body("errors.field", equalTo(List.of("items[3].score")));
    items.set(3, entry(Instant.now().plus(Duration.ofDays(1)), 3));
    Stubs.as(tenant).contentType("application/json").body(Map.of("items", items))
        .when().post("/v1/patients/" + patient + "/pain-entries/bulk").then().statusCode(400)
        .body("errors.field", equalTo(List.of("items[3].at")));
    assertEquals(0, stored());
    items.set(3, entry(Instant.now().minus(Duration.ofHours(7)), 3));
    Stubs.as(tenant).contentType("application/json").body(Map.of("items", items)).header("Idempotency-Key", "sync-1")
        .when().post("/v1/patients/" + patient + "/pain-entries/bulk").then().statusCode(201).body("items", hasSize(10));
    Stubs.as(tenant).contentType("application/json").body(Map.of("items", items)).header("Idempotency-Key", "sync-1")
        .when().post("/v1/patients/" + patient + "/pain-entries/bulk").then().statusCode(201).body("items", hasSize(10));
    assertEquals(10, stored());
  }

  @Test
  void bulkErrorsComeInTheOrderOfTheRecords() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      items.add(entry(Instant.now().minus(Duration.ofHours(12 - i)), 11));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      expected.add("items[" + i + "].score");
    }
    Stubs.as(tenant).contentType("application/json").body(Map.of("items", items))
        .when().post("/v1/patients/" + patient + "/pain-entries/bulk").then().statusCode(400).body("errors.field", equalTo(expected));
    assertEquals(0, stored());
  }

  @Test
  void bulkOver500RecordsIsRefused() {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      items.add(entry(Instant.now().minus(Duration.ofMinutes(i + 1)), 3));
    }
    Stubs.as(tenant).contentType("application/json").body(Map.of("items", items))
        .when().post("/v1/patients/" + patient + "/pain-entries/bulk").then().statusCode(400).body("errors.field", hasItem("items"));
    assertEquals(0, stored());
  }

  @Test
  void writesSentAtOnceAreEachAnsweredWithTheirOwnEntry() throws Exception {
    String second = Stubs.patient(tenant, 4);
    String stranger = Stubs.patient("other-" + tenant, 4);
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String to = i % 10 == 9 ? stranger : i % 2 == 0 ? patient : second;
        int score = i % 11;
        answers.add(clients.submit(() -> Stubs.as(tenant).contentType("application/json").body(entry(Instant.now().minusSeconds(60), score))
            .when().post("/v1/patients/" + to + "/pain-entries").then().extract()));
      }
      for (int i = 0; i < 40; i++) {
        ExtractableResponse<Response> answer = answers.get(i).get(60, TimeUnit.SECONDS);
        if (i % 10 == 9) {
          assertEquals(404, answer.statusCode(), "write " + i);
        } else {
          assertEquals(201, answer.statusCode(), "write " + i);
          assertEquals(i % 11, answer.<Integer>path("score"), "write " + i);
          assertTrue(answer.header("Location").endsWith("/pain-entries/" + answer.path("id")), "write " + i);
        }
      }
    } finally {
      clients.shutdownNow();
    }
    assertEquals(20, stored());
    assertEquals(16, Stubs.as(tenant).when().get("/v1/patients/" + second + "/pain-entries?limit=100").then().statusCode(200)
        .extract().<List<?>>path("items").size());
    assertEquals(0, Stubs.as("other-" + tenant).when().get("/v1/patients/" + stranger + "/pain-entries?limit=100").then()
        .statusCode(200).extract().<List<?>>path("items").size());
  }

  @Test
  void anotherTenantsPatientIs404ForEntries() {
    String other = "other-" + tenant;
    Stubs.as(other).contentType("application/json").body(entry(Instant.now(), 3))
        .when().post("/v1/patients/" + patient + "/pain-entries").then().statusCode(404);
    Stubs.as(other).when().get("/v1/patients/" + patient + "/pain-entries").then().statusCode(404);
    Stubs.as(other).when().get("/v1/patients/" + patient + "/progress").then().statusCode(404);
    Stubs.as(other).when().get("/v1/patients/" + patient + "/report").then().statusCode(404);
    Stubs.as(other).contentType("application/json").body(Map.of("items", List.of(entry(Instant.now(), 3))))
        .when().post("/v1/patients/" + patient + "/pain-entries/bulk").then().statusCode(404);
    assertEquals(0, stored());
  }

  @Test
  void redFlagRaisesAnAlertWithTriagesDisposition() {
    Map<String, Object> e = entry(Instant.now(), 6);
    e.put("redFlags", Map.of("saddleNumbness", true, "bowelOrBladderChange", false));
    String alert = post(e, null).statusCode(201).body("redFlagAlertId", notNullValue()).extract().path("redFlagAlertId");
    Stubs.as(tenant).when().get("/v1/alerts/" + alert).then().statusCode(200)
        .body("type", equalTo("red_flag")).body("disposition", equalTo("emergency")).body("dispositionSource", equalTo("triage"))
        .body("triageAssessmentId", notNullValue());
    Stubs.server().verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/assessments"))
        .withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.equalTo(alert))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer service-token"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.saddleNumbness", 
            com.github.tomakehurst.wiremock.client.WireMock.equalTo("true"))));
  }

  @Test
  void redFlagAnswersThatAreAllNoRaiseNothing() {
    Map<String, Object> e = entry(Instant.now(), 3);
    e.put("redFlags", Map.of("saddleNumbness", false, "legWeakness", "none", "trauma", "none"));
    post(e, null).statusCode(201).body("redFlagAlertId", nullValue());
    assertEquals(0, Stubs.triageCalls());
  }
}
