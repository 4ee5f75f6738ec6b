package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.testsupport.DevTokens;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every rule fires on its case and stays silent on its near miss; a rule without a case fails the build. */
@QuarkusTest
class RuleCoverageTest {
  record RuleCase(String rule, Map<String, Object> fires, Map<String, Object> nearMiss) {}

  private static List<RuleCase> cases() throws IOException {
    try (InputStream in = RuleCoverageTest.class.getResourceAsStream("/rule-cases.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {});
    }
  }

  private static List<String> firedRules(Map<String, Object> report) {
    return given().auth().oauth2(DevTokens.forTenant("coverage", "triage:assess")).contentType("application/json").body(report)
        .when().post("/v1/assessments").then().statusCode(201).extract().path("firedRules.id");
  }

  @Test
  void everyRuleOfTheRuleSetHasACase() throws IOException {
    List<String> ruleIds = given().auth().oauth2(DevTokens.forTenant("coverage", "triage:read"))
        .when().get("/v1/rulesets/current").then().statusCode(200).extract().path("rules.id");
    TreeSet<String> covered = new TreeSet<>(cases().stream().map(RuleCase::rule).toList());
    assertEquals(new TreeSet<>(ruleIds), covered, "rules in the rule set vs rules with a case in rule-cases.yaml");
  }

  @Test
  void everyRuleFiresOnItsCaseAndNotOnItsNearMiss() throws IOException {
    assertTrue(firedRules(Reports.benign()).isEmpty(), "the benign report fires nothing");
    for (RuleCase c : cases()) {
      assertTrue(firedRules(Reports.benignWith(c.fires())).contains(c.rule()), c.rule() + " fires on " + c.fires());
      assertFalse(firedRules(Reports.benignWith(c.nearMiss())).contains(c.rule()), c.rule() + " is silent on " + c.nearMiss());
    }
  }
}
