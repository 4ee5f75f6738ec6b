package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import care.sij.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RuleSetApiTest {
  private RequestSpecification reader() {
    return given().auth().oauth2(DevTokens.forTenant("clinic", "triage:read"));
  }

  @Test
  void currentRuleSetIsReadableWithReasonsAndSources() {
    reader().when().get("/v1/rulesets/current").then().statusCode(200)
        .body("version", equalTo("1"))
        .body("rules.find { it.id == 'saddle-numbness' }.disposition", equalTo("emergency"))
        .body("rules.find { it.id == 'saddle-numbness' }.reason", notNullValue())
        .body("rules.find { it.id == 'saddle-numbness' }.sources", hasItem("finucane-2020-red-flags"));
  }

  @Test
  void ruleSetIsReadableByVersionAndUnknownVersionsAre404() {
    reader().when().get("/v1/rulesets/1").then().statusCode(200).body("version", equalTo("1"));
    reader().when().get("/v1/rulesets/99").then().statusCode(404).contentType("application/problem+json");
    reader().when().get("/v1/rulesets/bad version!").then().statusCode(400);
  }

  @Test
  void questionnaireComesFromTheRuleSetInAskingOrder() {
    given().auth().oauth2(DevTokens.forTenant("app", "triage:assess")).when().get("/v1/questionnaire").then().statusCode(200)
        .body("rulesetVersion", equalTo("1"))
        .body("questions", hasSize(24))
        .body("questions[0].id", equalTo("bowelOrBladderChange"))
        .body("questions[0].position", equalTo(1))
        .body("questions[0].redFlag", equalTo(true))
        .body("questions.find { it.id == 'legWeakness' }.values", equalTo(java.util.List.of("none", "stable", "progressive")))
        .body("questions.find { it.id == 'painIntensity' }.max", equalTo(10))
        .body("questions.find { it.id == 'immunosuppressedOrIvDrugUse' }.askIf.field", equalTo("feverOrChills"))
        .body("questions.find { it.id == 'age' }.redFlag", equalTo(false));
  }
}
