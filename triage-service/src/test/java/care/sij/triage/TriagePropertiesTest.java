package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import care.sij.testsupport.DevTokens;
import care.sij.triage.domain.Disposition;
import care.sij.triage.domain.Question;
import care.sij.triage.domain.RuleSet;
import care.sij.triage.domain.RuleSets;
import care.sij.triage.domain.Triage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over many generated reports, on the rule set in force: the same report always gets the
 * same result, adding a symptom or raising a severity never lowers the disposition, and an
 * unanswered red-flag question never gives self-care.
 */
@QuarkusTest
class TriagePropertiesTest {
  private static final long SEED = 20261121L;
  private static final int REPORTS = 5000;

  @Inject
  RuleSets ruleSets;

  private Map<String, Object> randomReport(RuleSet ruleSet, Random random) {
    Map<String, Object> report = new HashMap<>();
    for (Question q : ruleSet.questions()) {
      if (random.nextInt(100) < 12) {
        continue; // unanswered
      }
      report.put(q.id(), switch (q.type()) {
        case BOOLEAN -> random.nextInt(100) < 15;
        case INTEGER -> q.min() + random.nextInt(Math.min(q.max(), 90) - q.min() + 1);
        case ENUM -> q.values().get(random.nextInt(q.values().size()));
        case ENUM_SET -> {
          List<String> picked = new ArrayList<>();
          q.values().forEach(v -> {
            if (random.nextBoolean()) {
              picked.add(v);
            }
          });
          yield picked;
        }
      });
    }
    return report;
  }

  /** The same report with one answered symptom made worse, or null when it cannot get worse. */
  private static Map<String, Object> worse(Map<String, Object> report, Question q, Random random) {
    Object answer = report.get(q.id());
    Object raised = switch (q.type()) {
      case BOOLEAN -> Boolean.FALSE.equals(answer) ? Boolean.TRUE : null;
      case INTEGER -> (Integer) answer < q.max() ? Math.min(q.max(), (Integer) answer + 1 + random.nextInt(5)) : null;
      case ENUM -> q.rank((String) answer) < q.values().size() - 1 ? q.values().get(q.rank((String) answer) + 1) : null;
      case ENUM_SET -> {
        List<String> more = new ArrayList<>((List<?>) answer).stream().map(Object::toString).collect(java.util.stream.Collectors.toList());
        q.values().stream().filter(v -> !more.contains(v)).findFirst().ifPresent(more::add);
        yield more.size() > ((List<?>) answer).size() ? more : null;
      }
    };
    if (raised == null) {
      return null;
    }
    Map<String, Object> copy = new HashMap<>(report);
    copy.put(q.id(), raised);
    return copy;
  }

  @Test
  void addingASymptomOrRaisingASeverityNeverLowersTheDisposition() {
    RuleSet ruleSet = ruleSets.current();
    Random random = new Random(SEED);
    int raisedChecks = 0;
    for (int i = 0; i < REPORTS; i++) {
      Map<String, Object> report = randomReport(ruleSet, random);
      Disposition before = Triage.evaluate(ruleSet, report).disposition();
      for (Question q : ruleSet.questions()) {
        if (q.kind() != Question.Kind.SYMPTOM || !report.containsKey(q.id())) {
          continue;
        }
        Map<String, Object> worse = worse(report, q, random);
        if (worse == null) {
          continue;
        }
        Disposition after = Triage.evaluate(ruleSet, worse).disposition();
        raisedChecks++;
        assertFalse(before.moreUrgentThan(after),
            "raising " + q.id() + " lowered " + before + " to " + after + " (seed " + SEED + ", report " + report + ")");
      }
    }
    assertNotEquals(0, raisedChecks);
  }

  @Test
  void unansweredRedFlagNeverGivesSelfCare() {
    RuleSet ruleSet = ruleSets.current();
    Random random = new Random(SEED + 1);
    List<String> redFlags = ruleSet.questions().stream().filter(Question::redFlag).map(Question::id).toList();
    for (int i = 0; i < REPORTS; i++) {
      Map<String, Object> report = randomReport(ruleSet, random);
      Triage.Evaluation e = Triage.evaluate(ruleSet, report);
      if (redFlags.stream().anyMatch(f -> !report.containsKey(f))) {
        assertNotEquals(Disposition.self_care, e.disposition(), "report " + report);
        assertFalse(e.complete(), "report " + report);
      }
    }
  }

  @Test
  void sameReportAlwaysGetsTheSameResultThroughTheApi() {
    RuleSet ruleSet = ruleSets.current();
    Random random = new Random(SEED + 2);
    for (int i = 0; i < 40; i++) {
      Map<String, Object> report = randomReport(ruleSet, random);
      Map<String, Object> first = assess(report);
      Map<String, Object> second = assess(report);
      for (String key : List.of("disposition", "complete", "missingQuestions", "firedRules", "selfCareAllowed", "pathway",
          "recommendedCare", "rulesetVersion")) {
        assertEquals(first.get(key), second.get(key), key + " for " + report);
      }
      assertEquals(Triage.evaluate(ruleSet, report).disposition().name(), first.get("disposition"));
    }
  }

  private static Map<String, Object> assess(Map<String, Object> report) {
    return given().auth().oauth2(DevTokens.forTenant("properties", "triage:assess")).contentType("application/json").body(report)
        .when().post("/v1/assessments").then().statusCode(201).extract().jsonPath().getMap("");
  }
}
