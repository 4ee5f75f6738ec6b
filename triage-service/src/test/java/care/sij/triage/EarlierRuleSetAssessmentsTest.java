package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.testsupport.DevTokens;
import care.sij.testsupport.PostgresTestResource;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Assessments made under rule set 1, stored exactly as the service stored them while rule set 1 was current
 * (rule-set-1-assessments.json, taken from its database), read through the API now that rule set 2 is.
 */
@QuarkusTest
class EarlierRuleSetAssessmentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tenant = "t-" + UUID.randomUUID();

  @BeforeEach
  void healthyCatalog() {
    CatalogStub.reset();
  }

  private RequestSpecification as(String who) {
    return given().auth().oauth2(DevTokens.forTenant(who, "triage:assess triage:read"));
  }

  private static Map<String, Map<String, Object>> ruleSetOneRows() throws Exception {
    try (InputStream in = EarlierRuleSetAssessmentsTest.class.getResourceAsStream("/rule-set-1-assessments.json")) {
      List<Map<String, Object>> rows = JSON.readValue(in, new TypeReference<>() {});
      Map<String, Map<String, Object>> byRef = new HashMap<>();
      rows.forEach(r -> byRef.put((String) r.get("patient_ref"), r));
      return byRef;
    }
  }

  /** Stores the row for this test's tenant under a new id, as rule set 1's service did; returns its result as stored. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> store(Map<String, Object> row, String idempotencyKey) throws Exception {
    UUID id = UUID.randomUUID();
    Map<String, Object> result = new HashMap<>((Map<String, Object>) row.get("result"));
    result.put("id", id.toString());
    try (Connection c = PostgresTestResource.server().admin().connect();
        PreparedStatement insert = c.prepareStatement("INSERT INTO triage.assessment (id, tenant, patient_ref, created_at, ruleset_version, "
            + "disposition, report, result, idempotency_key, request_digest) VALUES (?, ?, ?, ?, ?, ?, cast(? AS jsonb), cast(? AS jsonb), ?, ?)")) {
      insert.setObject(1, id);
      insert.setString(2, tenant);
      insert.setString(3, (String) row.get("patient_ref"));
      insert.setTimestamp(4, Timestamp.from(OffsetDateTime.parse((String) row.get("created_at")).toInstant()));
      insert.setString(5, (String) row.get("ruleset_version"));
      insert.setString(6, (String) row.get("disposition"));
      insert.setString(7, JSON.writeValueAsString(row.get("report")));
      insert.setString(8, JSON.writeValueAsString(result));
      insert.setString(9, idempotencyKey);
      insert.setString(10, (String) row.get("request_digest"));
      insert.executeUpdate();
    }
    return result;
  }

  private Map<String, Object> read(Object id) {
    return as(tenant).when().get("/v1/assessments/" + id).then().statusCode(200).extract().jsonPath().getMap("");
  }

  @Test
  void ruleSetOneAssessmentsReadBackUnchangedWithTheDisclaimerAndTopicsAdded() throws Exception {
    for (Map<String, Object> row : ruleSetOneRows().values()) {
      Map<String, Object> stored = store(row, null);
      Map<String, Object> read = new HashMap<>(read(stored.get("id")));
      assertTrue(((String) read.remove("disclaimer")).contains("not a diagnosis"), "the disclaimer comes with " + row.get("patient_ref"));
      List<?> topics = (List<?>) read.remove("topics");
      assertTrue(topics.contains(Map.of("id", "disclaimer", "href", "/v1/topics/disclaimer")), topics.toString());
      assertEquals(stored, read, "the clinical result of " + row.get("patient_ref") + " is as rule set 1 gave it");
    }
  }

  @Test
  void theSameReportNowGetsRuleSetTwoWhileTheStoredAssessmentKeepsRuleSetOne() throws Exception {
    Map<String, Map<String, Object>> rows = ruleSetOneRows();

    Map<String, Object> injured = rows.get("pt-v1-trauma");
    Object earlier = store(injured, null).get("id");
    as(tenant).contentType("application/json").body(injured.get("report")).when().post("/v1/assessments").then().statusCode(201)
        .body("rulesetVersion", equalTo("2"))
        .body("disposition", equalTo("consultation_24"))
        .body("firedRules[0].sources[0].locator", equalTo("When is \"Self-Resetting\" Appropriate (and When is it Not)?"));
    as(tenant).when().get("/v1/assessments/" + earlier).then().statusCode(200)
        .body("rulesetVersion", equalTo("1"))
        .body("disposition", equalTo("consultation"))
        .body("firedRules[0].disposition", equalTo("consultation"))
        .body("topics.id", contains("when-to-seek-care", "who-can-help", "disclaimer"));

    Map<String, Object> lasting = rows.get("pt-v1-persistent");
    Object selfCare = store(lasting, null).get("id");
    as(tenant).contentType("application/json").body(lasting.get("report")).when().post("/v1/assessments").then().statusCode(201)
        .body("rulesetVersion", equalTo("2"))
        .body("disposition", equalTo("consultation"))
        .body("firedRules.id", contains("persistent-pain"));
    as(tenant).when().get("/v1/assessments/" + selfCare).then().statusCode(200)
        .body("rulesetVersion", equalTo("1"))
        .body("disposition", equalTo("self_care"))
        .body("pathway.routineId", equalTo("mobility-routine"))
        .body("topics.id", hasItem("out-of-place"));

    as(tenant).queryParam("patientRef", "pt-v1-trauma").when().get("/v1/assessments").then().statusCode(200)
        .body("items.rulesetVersion", contains("2", "1"))
        .body("items.disposition", contains("consultation_24", "consultation"));
  }

  @Test
  void aRetryOfARuleSetOneRequestGetsTheResultStoredThen() throws Exception {
    Map<String, Object> injured = ruleSetOneRows().get("pt-v1-trauma");
    String key = UUID.randomUUID().toString();
    Object earlier = store(injured, key).get("id");
    as(tenant).header("Idempotency-Key", key).contentType("application/json").body(injured.get("report"))
        .when().post("/v1/assessments").then().statusCode(200)
        .body("id", equalTo(earlier))
        .body("rulesetVersion", equalTo("1"))
        .body("disposition", equalTo("consultation"));
  }
}
