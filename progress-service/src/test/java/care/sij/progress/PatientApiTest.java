package care.sij.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.testsupport.DevTokens;
import care.sij.testsupport.ServiceConventionsTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PatientApiTest {
  private final String tenant = "t-" + UUID.randomUUID();

  private RequestSpecification as(String who) {
    return given().auth().oauth2(DevTokens.forTenant(who, "progress:read progress:write progress:erase"));
  }

  private ValidatableResponse post(String body) {
    return as(tenant).contentType("application/json").body(body).when().post("/v1/patients").then();
  }

  private String create(String ref) {
    return post("{\"ref\":\"" + ref + "\",\"plan\":{\"routineId\":\"stability-routine\",\"sessionsPerWeek\":5}}")
        .statusCode(201).extract().path("id");
  }

  private int count() {
    return as(tenant).when().get("/v1/patients?limit=100").then().statusCode(200).extract().<List<?>>path("items").size();
  }

  private static void badField(ValidatableResponse response, String field) {
    response.statusCode(400).contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("errors.field", hasItem(field))
        .body(not(containsString("Exception")));
  }

  @Test
  void patientPostedOverHttp2IsStoredAndABadFieldIsNamed() throws Exception {
    String token = DevTokens.forTenant(tenant, "progress:read progress:write");
    var created = ServiceConventionsTestBase.overHttp2("/v1/patients", token, HttpRequest.BodyPublishers.ofString("{\"ref\":\"pt-h2\"}"));
    assertEquals(201, created.statusCode(), created.body());
    as(tenant).when().get("/v1/patients?limit=100").then().statusCode(200).body("items.ref", hasItem("pt-h2"));

    var bad = ServiceConventionsTestBase.overHttp2("/v1/patients", token, HttpRequest.BodyPublishers.ofString("{\"ref\":\"\"}"));
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("\"field\":\"ref\""), bad.body());
    assertEquals(1, count());
  }

  @Test
  void createdPatientIsReadableAtItsLocation() {
    ValidatableResponse created = post("{\"ref\":\"pt-1\",\"plan\":{\"routineId\":\"stability-routine\",\"sessionsPerWeek\":5}}")
        .statusCode(201).body("ref", equalTo("pt-1")).body("plan.sessionsPerWeek", equalTo(5));
    String location = created.extract().header("Location");
    String id = created.extract().path("id");
    assertEquals(true, location.endsWith("/v1/patients/" + id));
    as(tenant).when().get("/v1/patients/" + id).then().statusCode(200)
        .body("ref", equalTo("pt-1")).body("plan.routineId", equalTo("stability-routine"));
  }

  @Test
  void planIsOptional() {
    post("{\"ref\":\"no-plan\"}").statusCode(201).body("plan", nullValue());
  }

  @Test
  void duplicateRefInTheSameTenantGets409AndStoresNothing() {
    create("dup");
    post("{\"ref\":\"dup\"}").statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("ref"));
    assertEquals(1, count());
  }

  @Test
  void sameRefInAnotherTenantIsAnotherPatient() {
    create("shared-ref");
    as("other-" + tenant).contentType("application/json").body("{\"ref\":\"shared-ref\"}")
        .when().post("/v1/patients").then().statusCode(201);
  }

  @Test
  void anotherTenantsPatientAnswers404ForEveryOperation() {
    String id = create("mine");
    String other = "other-" + tenant;
    as(other).when().get("/v1/patients/" + id).then().statusCode(404).contentType("application/problem+json");
    as(other).when().delete("/v1/patients/" + id).then().statusCode(404);
    as(other).when().get("/v1/patients").then().statusCode(200).body("items", hasSize(0));
    as(tenant).when().get("/v1/patients/" + id).then().statusCode(200);
  }

  @Test
  void erasedPatientIsGone() {
    Stubs.healthy();
    String id = create("to-erase");
    as(tenant).when().delete("/v1/patients/" + id).then().statusCode(204);
    as(tenant).when().get("/v1/patients/" + id).then().statusCode(404);
    assertEquals(0, count());
  }

  @Test
  void erasureNeedsItsOwnScopeAndLeavesAnAuditTombstone() {
    String id = create("kept");
    given().auth().oauth2(DevTokens.forTenant(tenant, "progress:read progress:write")).when().delete("/v1/patients/" + id)
        .then().statusCode(403).contentType("application/problem+json");
    as(tenant).when().get("/v1/patients/" + id).then().statusCode(200);
    as(tenant).when().delete("/v1/patients/" + id).then().statusCode(204);
    // the write's event is stored before its answer; it names who erased which patient, and holds nothing else of them
    given().auth().oauth2(DevTokens.forTenant(tenant, "audit:read")).queryParam("patientId", id).when().get("/v1/audit-events")
        .then().statusCode(200)
        .body("items[0].action", equalTo("erase")).body("items[0].resourceType", equalTo("patient"))
        .body("items[0].patientId", equalTo(id)).body("items[0].outcome", equalTo(204))
        .body("items[0].subject", equalTo(tenant + "-dev")).body("items.action", hasItem("create"))
        .body(not(containsString("kept")));
  }

  @Test
  void erasureRemovesEveryRecordOfThePatient() throws java.sql.SQLException {
    Stubs.healthy();
    String id = create("to-forget");
    as(tenant).header("Idempotency-Key", "forget-1").contentType("application/json").body(java.util.Map.of("at",
        java.time.Instant.now().toString(), "score", 5, "context", "night", "redFlags", java.util.Map.of("feverOrChills", true)))
        .when().post("/v1/patients/" + id + "/pain-entries").then().statusCode(201);
    as(tenant).contentType("application/json").body(java.util.Map.of("at", java.time.Instant.now().toString(), "painBefore", 2,
        "exercises", List.of(java.util.Map.of("exerciseId", "clamshell", "painDuring", 5)))).when().post("/v1/patients/" + id + "/sessions")
        .then().statusCode(201);
    assertEquals(List.of(1, 1, 1, 2, 1), rows(id));
    as(tenant).when().delete("/v1/patients/" + id).then().statusCode(204);
    assertEquals(List.of(0, 0, 0, 0, 0), rows(id));
    as(tenant).when().get("/v1/patients/" + id + "/pain-entries").then().statusCode(404);
  }

  /** Pain entries, their daily sums, sessions, alerts and stored keyed responses of the patient, counted behind the API. */
  private static List<Integer> rows(String patientId) throws java.sql.SQLException {
    try (var c = care.sij.testsupport.PostgresTestResource.server().admin().connect()) {
      List<Integer> counts = new java.util.ArrayList<>();
      for (String table : List.of("pain_entry", "pain_day", "exercise_session", "alert", "idempotent_request")) {
        var q = c.prepareStatement("SELECT count(*) FROM progress." + table + " WHERE patient_id = ?");
        q.setObject(1, UUID.fromString(patientId));
        var r = q.executeQuery();
        r.next();
        counts.add(r.getInt(1));
      }
      return counts;
    }
  }

  @Test
  void listingIsNewestFirstAndPagedByCursor() {
    for (int i = 1; i <= 5; i++) {
      create("p" + i);
    }
    ValidatableResponse first = as(tenant).when().get("/v1/patients?limit=2").then().statusCode(200)
        .body("items.ref", equalTo(List.of("p5", "p4"))).header("Link", containsString("rel=\"next\""));
    String cursor = first.extract().path("nextCursor");
    String last = as(tenant).queryParam("limit", 2).queryParam("cursor", cursor).when().get("/v1/patients").then()
        .body("items.ref", equalTo(List.of("p3", "p2"))).extract().path("nextCursor");
    as(tenant).queryParam("limit", 2).queryParam("cursor", last).when().get("/v1/patients").then()
        .body("items.ref", equalTo(List.of("p1"))).body("nextCursor", nullValue()).header("Link", nullValue());
  }

  @Test
  void badPagingParametersGet400NamingTheParameter() {
    badField(as(tenant).when().get("/v1/patients?limit=101").then(), "limit");
    badField(as(tenant).when().get("/v1/patients?limit=0").then(), "limit");
    badField(as(tenant).when().get("/v1/patients?cursor=garbage").then(), "cursor");
  }

  @Test
  void malformedJsonGets400AndStoresNothing() {
    post("{\"ref\": \"x\"").statusCode(400).contentType("application/problem+json")
        .body("title", equalTo("Malformed JSON"));
    assertEquals(0, count());
  }

  @Test
  void unknownPropertyGets400NamingIt() {
    badField(post("{\"ref\":\"x\",\"name\":\"Jane Doe\"}"), "name");
    badField(post("{\"ref\":\"x\",\"plan\":{\"sessionsPerWeek\":3,\"extra\":1}}"), "plan.extra");
    assertEquals(0, count());
  }

  @Test
  void wrongTypeGets400NamingTheField() {
    badField(post("{\"ref\":\"x\",\"plan\":{\"sessionsPerWeek\":\"five\"}}"), "plan.sessionsPerWeek");
    badField(post("{\"ref\":\"x\",\"plan\":{\"sessionsPerWeek\":\"5\"}}"), "plan.sessionsPerWeek");
    badField(post("{\"ref\":\"x\",\"plan\":{\"sessionsPerWeek\":2.5}}"), "plan.sessionsPerWeek");
    badField(post("{\"ref\":42}"), "ref");
    badField(post("{\"ref\":\"x\",\"plan\":[]}"), "plan");
    assertEquals(0, count());
  }

  @Test
  void valueOutOfRangeGets400NamingTheField() {
    badField(post("{\"ref\":\"x\",\"plan\":{\"sessionsPerWeek\":22}}"), "plan.sessionsPerWeek");
    badField(post("{\"ref\":\"x\",\"plan\":{\"sessionsPerWeek\":0}}"), "plan.sessionsPerWeek");
    badField(post("{\"ref\":\"\"}"), "ref");
    badField(post("{\"ref\":\"has spaces and a name\"}"), "ref");
    badField(post("{}"), "ref");
    assertEquals(0, count());
  }

  @Test
  void missingBodyGets400() {
    as(tenant).contentType("application/json").when().post("/v1/patients").then().statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void wrongMediaTypeGets415() {
    as(tenant).contentType("text/plain").body("ref=x").when().post("/v1/patients").then().statusCode(415)
        .contentType("application/problem+json").body("status", equalTo(415));
    assertEquals(0, count());
  }

  @Test
  void oversizedBodyGets413() {
    String huge = "{\"ref\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
    post(huge).statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    assertEquals(0, count());
  }

  @Test
  void malformedIdGets404() {
    as(tenant).when().get("/v1/patients/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void writingNeedsTheWriteScope() {
    given().auth().oauth2(DevTokens.forTenant(tenant, "progress:read")).contentType("application/json")
        .body("{\"ref\":\"x\"}").when().post("/v1/patients").then().statusCode(403);
    assertEquals(0, count());
  }
}
