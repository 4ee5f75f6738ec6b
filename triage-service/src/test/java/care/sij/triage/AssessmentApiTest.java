package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import care.sij.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssessmentApiTest {
  @BeforeEach
  void healthyCatalog() {
    CatalogStub.reset();
  }

  private final String tenant = "t-" + UUID.randomUUID();

  private RequestSpecification as(String who) {
    return given().auth().oauth2(DevTokens.forTenant(who, "triage:assess triage:read"));
  }

  private ValidatableResponse assess(Object report) {
    return as(tenant).contentType("application/json").body(report).when().post("/v1/assessments").then();
  }

  private int stored() {
    return as(tenant).when().get("/v1/assessments?limit=100").then().statusCode(200).extract().<List<?>>path("items").size();
  }

  @Test
  void selfCareAnswerCarriesEverythingAnIntegratorNeeds() {
    Map<String, Object> report = Reports.benign();
    report.put("patientRef", "pt-7");
    assess(report).statusCode(201)
        .header("Location", containsString("/v1/assessments/"))
        .body("id", notNullValue())
        .body("patientRef", equalTo("pt-7"))
        .body("rulesetVersion", equalTo("2"))
        .body("disposition", equalTo("self_care"))
        .body("complete", equalTo(true))
        .body("missingQuestions", hasSize(0))
        .body("selfCareAllowed", equalTo(true))
        .body("firedRules", hasSize(0))
        .body("recommendedCare.who", notNullValue())
        .body("pathway.id", equalTo("mobility"))
        .body("pathway.routineId", equalTo("mobility-routine"))
        .body("pathway.routineStatus", equalTo("available"))
        .body("pathway.routine.name", equalTo("Routine mobility-routine"))
        .body("safetyNet.size()", org.hamcrest.Matchers.greaterThan(0))
        .body("disclaimer", containsString("not a diagnosis"))
        .body("topics.id", contains("symptom-pattern", "when-to-seek-care", "out-of-place", "too-much-or-too-little-motion",
            "training-principles", "daily-habits", "disclaimer"))
        .body("topics.find { it.id == 'daily-habits' }.href", equalTo("/v1/topics/daily-habits"));
  }

  @Test
  void firedRulesExplainThemselvesMostUrgentFirst() {
    assess(Reports.benignWith(Map.of("painIntensity", 8, "feverOrChills", true))).statusCode(201)
        .body("disposition", equalTo("consultation_24"))
        .body("firedRules.id", contains("fever", "severe-pain"))
        .body("firedRules[0].reason", notNullValue())
        .body("firedRules[0].sources.id", hasItem("chou-2007-acp-aps"))
        .body("firedRules[0].sources.title", everyItem(notNullValue()))
        .body("firedRules[0].sources.find { it.id == 'si-dysfunction-home-exercises' }.locator", equalTo("When to Seek Professional Help"))
        .body("firedRules[0].cautiousReading", containsString("24 hours"))
        .body("firedRules[1].cautiousReading", nullValue())
        .body("topics.id", contains("when-to-seek-care", "who-can-help", "disclaimer"))
        .body("disclaimer", notNullValue())
        .body("recommendedCare.action", equalTo("See a physician or urgent care clinic within 24 hours."))
        .body("pathway", nullValue())
        .body("selfCareAllowed", equalTo(false));
  }

  @Test
  void pathwayFollowsPregnancyInstabilityAndStiffness() {
    assess(Reports.benignWith(Map.of("pregnantOrPostpartum", true, "feelsStuck", true))).body("pathway.id", equalTo("stability"))
        .body("pathway.routineId", equalTo("stability-routine"));
    assess(Reports.benignWith(Map.of("feelsUnstable", true, "feelsStuck", false))).body("pathway.id", equalTo("stability"));
    assess(Reports.benignWith(Map.of("feelsStuck", true))).body("pathway.id", equalTo("mobility"));
    assess(Reports.benignWith(Map.of("feelsStuck", false))).body("pathway.id", equalTo("stability"))
        .body("pathway.routineId", equalTo("hinge-nine-exercises"));
  }

  @Test
  void unansweredRedFlagsAreListedInAskingOrderAndNeverGiveSelfCare() {
    Map<String, Object> report = new java.util.HashMap<>(Reports.benign());
    report.remove("feverOrChills");
    report.remove("bowelOrBladderChange");
    assess(report).statusCode(201)
        .body("disposition", equalTo("consultation"))
        .body("complete", equalTo(false))
        .body("selfCareAllowed", equalTo(false))
        .body("missingQuestions", contains("bowelOrBladderChange", "feverOrChills"))
        .body("summary", containsString("bowelOrBladderChange"));
  }

  @Test
  void severePainWithOnsetUnansweredIsIncompleteAndAsksForTheOnset() {
    assess(Reports.benignWith(java.util.Collections.singletonMap("suddenOnset", null))).statusCode(201)
        .body("complete", equalTo(true)); // not asked while the pain is below 7
    Map<String, Object> severe = Reports.benignWith(Map.of("painIntensity", 7));
    severe.remove("suddenOnset");
    assess(severe).statusCode(201)
        .body("disposition", equalTo("consultation"))
        .body("complete", equalTo(false))
        .body("missingQuestions", contains("suddenOnset"))
        .body("firedRules.id", contains("severe-pain"));
  }

  @Test
  void unansweredInflammatoryDiseaseIsIncompleteAndNeverSelfCare() {
    Map<String, Object> report = Reports.benign();
    report.remove("inflammatoryDisease");
    assess(report).statusCode(201)
        .body("disposition", equalTo("consultation"))
        .body("complete", equalTo(false))
        .body("missingQuestions", contains("inflammatoryDisease"));
    assess(Reports.benignWith(Map.of("inflammatoryDisease", true))).statusCode(201)
        .body("firedRules.id", contains("inflammatory-disease"))
        .body("firedRules[0].sources.locator", hasItem("List of causes: Arthritis; Inflammatory Conditions"));
  }

  @Test
  void anyInjuryAndSuddenSeverePainSendToAClinicianWithinADay() {
    assess(Reports.benignWith(Map.of("trauma", "minor", "age", 30))).statusCode(201)
        .body("disposition", equalTo("consultation_24"))
        .body("firedRules.id", contains("minor-trauma"));
    assess(Reports.benignWith(Map.of("trauma", "minor", "age", 60))).statusCode(201)
        .body("disposition", equalTo("consultation_24"))
        .body("firedRules.id", contains("minor-trauma-age-50-plus", "minor-trauma"));
    assess(Reports.benignWith(Map.of("painIntensity", 7, "suddenOnset", true))).statusCode(201)
        .body("disposition", equalTo("consultation_24"))
        .body("firedRules.id", contains("severe-sudden-pain", "severe-pain"));
  }

  @Test
  void presentRedFlagEscalatesAtOnceEvenWithAnswersMissing() {
    assess(Map.of("bowelOrBladderChange", true)).statusCode(201)
        .body("disposition", equalTo("emergency"))
        .body("complete", equalTo(false))
        .body("firedRules.id", contains("bowel-bladder-change"))
        .body("missingQuestions", hasItem("saddleNumbness"));
  }

  @Test
  void assessmentReadsBackAsGivenWithinTheTenantOnly() {
    Map<String, Object> report = Reports.benignWith(Map.of("patientRef", "pt-9", "nightPain", true));
    ValidatableResponse created = assess(report).statusCode(201);
    String id = created.extract().path("id");
    Map<String, Object> given = created.extract().jsonPath().getMap("");
    Map<String, Object> read = as(tenant).when().get("/v1/assessments/" + id).then().statusCode(200).extract().jsonPath().getMap("");
    assertEquals(given, read);
    as("other-" + tenant).when().get("/v1/assessments/" + id).then().statusCode(404).contentType("application/problem+json");
    as("other-" + tenant).when().get("/v1/assessments?patientRef=pt-9").then().statusCode(200).body("items", hasSize(0));
  }

  @Test
  void listingByPatientRefIsNewestFirstAndPaged() {
    for (int i = 0; i < 3; i++) {
      assess(Reports.benignWith(Map.of("patientRef", "pt-list", "painIntensity", i)));
    }
    assess(Reports.benignWith(Map.of("patientRef", "someone-else")));
    String cursor = as(tenant).when().get("/v1/assessments?patientRef=pt-list&limit=2").then().statusCode(200)
        .body("items", hasSize(2)).body("items.patientRef", everyItem(equalTo("pt-list")))
        .header("Link", containsString("rel=\"next\"")).extract().path("nextCursor");
    as(tenant).queryParam("patientRef", "pt-list").queryParam("limit", 2).queryParam("cursor", cursor)
        .when().get("/v1/assessments").then().body("items", hasSize(1)).body("nextCursor", nullValue());
  }

  @Test
  void sameIdempotencyKeyAndBodyReturnsTheStoredAssessment() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> report = Reports.benignWith(Map.of("painIntensity", 7));
    String first = as(tenant).header("Idempotency-Key", key).contentType("application/json").body(report)
        .when().post("/v1/assessments").then().statusCode(201).extract().path("id");
    as(tenant).header("Idempotency-Key", key).contentType("application/json").body(report)
        .when().post("/v1/assessments").then().statusCode(200).body("id", equalTo(first));
    assertEquals(1, stored());
  }

  @Test
  void sameIdempotencyKeyWithAnotherBodyGets422() {
    String key = UUID.randomUUID().toString();
    as(tenant).header("Idempotency-Key", key).contentType("application/json").body(Reports.benign())
        .when().post("/v1/assessments").then().statusCode(201);
    as(tenant).header("Idempotency-Key", key).contentType("application/json").body(Reports.benignWith(Map.of("painIntensity", 9)))
        .when().post("/v1/assessments").then().statusCode(422).contentType("application/problem+json")
        .body("errors.field", hasItem("Idempotency-Key"));
    assertEquals(1, stored());
  }

  @Test
  void idempotencyKeysBelongToTheirTenant() {
    String key = UUID.randomUUID().toString();
    as(tenant).header("Idempotency-Key", key).contentType("application/json").body(Reports.benign())
        .when().post("/v1/assessments").then().statusCode(201);
    as("other-" + tenant).header("Idempotency-Key", key).contentType("application/json").body(Reports.benignWith(Map.of("age", 70)))
        .when().post("/v1/assessments").then().statusCode(201);
  }

  private void rejected(Map<String, Object> report, String field) {
    assess(report).statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field))
        .body(not(containsString("Exception")));
  }

  @Test
  void badReportsGet400NamingTheFieldAndStoreNothing() {
    rejected(Reports.benignWith(Map.of("painIntensity", 11)), "painIntensity");
    rejected(Reports.benignWith(Map.of("painIntensity", -1)), "painIntensity");
    rejected(Reports.benignWith(Map.of("painIntensity", "7")), "painIntensity");
    rejected(Reports.benignWith(Map.of("painIntensity", 6.5)), "painIntensity");
    rejected(Reports.benignWith(Map.of("age", 131)), "age");
    rejected(Reports.benignWith(Map.of("painSide", "middle")), "painSide");
    rejected(Reports.benignWith(Map.of("trauma", "MAJOR")), "trauma");
    rejected(Reports.benignWith(Map.of("painLocations", List.of("knee"))), "painLocations[0]");
    rejected(Reports.benignWith(Map.of("painLocations", List.of("hip", "hip"))), "painLocations");
    rejected(Reports.benignWith(Map.of("saddleNumbness", "no")), "saddleNumbness");
    rejected(Reports.benignWith(Map.of("saddleNumbness", 0)), "saddleNumbness");
    rejected(Reports.benignWith(Map.of("suddenOnset", "yes")), "suddenOnset");
    rejected(Reports.benignWith(Map.of("suddenOnset", "true")), "suddenOnset");
    rejected(Reports.benignWith(Map.of("suddenOnset", 1)), "suddenOnset");
    rejected(Reports.benignWith(Map.of("inflammatoryDisease", "no")), "inflammatoryDisease");
    rejected(Reports.benignWith(Map.of("inflammatoryDisease", List.of(true))), "inflammatoryDisease");
    rejected(Reports.benignWith(Map.of("bladder", true)), "bladder");
    rejected(Reports.benignWith(Map.of("patientRef", "Jane Doe")), "patientRef");
    as(tenant).header("Idempotency-Key", "k".repeat(201)).contentType("application/json").body(Reports.benign())
        .when().post("/v1/assessments").then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
    assertEquals(0, stored());
  }

  @Test
  void assessingNeedsTheAssessScope() {
    given().auth().oauth2(DevTokens.forTenant(tenant, "triage:read")).contentType("application/json").body(Reports.benign())
        .when().post("/v1/assessments").then().statusCode(403);
    assertEquals(0, stored());
  }
}
