package care.sij.triage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Start-up refuses a broken rule set and names the rule and the fault. */
class RuleSetParserTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, String> SOURCES = Map.of("article", "An article");

  private static final String BASE = """
      version: "t1"
      published: 2026-01-01
      incompleteFloor: consultation
      education: {disclaimer: "d", topics: [disclaimer]}
      dispositions:
        - {id: emergency_ambulance, label: a, who: b, when: c}
        - {id: emergency, label: a, who: b, when: c}
        - {id: consultation_24, label: a, who: b, when: c}
        - {id: consultation, label: a, who: b, when: c}
        - {id: self_care, label: a, who: b, when: c}
      questions:
        - {id: fever, text: "Fever?", type: boolean, kind: symptom, redFlag: true}
        - {id: weakness, text: "Weak?", type: enum, values: [none, stable, progressive], kind: symptom}
        - {id: age, text: "Age?", type: integer, min: 0, max: 130, kind: context}
      rules:
        - id: fever
          disposition: consultation_24
          when: {field: fever, is: true}
          reason: "r"
          action: "a"
          cautiousReading: "c"
          sources: [{id: article, locator: "A heading"}]
          topics: [when-to-seek-care]
      pathways:
        - {id: mobility, routine: mobility-routine, reason: "r", topics: [daily-habits]}
      safetyNet: ["s"]
      """;

  private static JsonNode base() throws IOException {
    return YAML.readTree(BASE);
  }

  private static RuleSet parse(JsonNode doc) {
    return RuleSetParser.parse("test.yaml", doc, Set.of("fever", "weakness", "age"), SOURCES);
  }

  private static String failure(JsonNode doc) {
    return assertThrows(RuleSetParser.InvalidRuleSet.class, () -> parse(doc)).getMessage();
  }

  private static ObjectNode rule(JsonNode doc) {
    return (ObjectNode) doc.path("rules").get(0);
  }

  private static JsonNode when(String yaml) throws IOException {
    return YAML.readTree(yaml);
  }

  @Test
  void validRuleSetParses() throws IOException {
    RuleSet ruleSet = parse(base());
    assertEquals("t1", ruleSet.version());
    assertEquals(1, ruleSet.rules().size());
    assertEquals(List.of(new RuleSet.Citation("article", "A heading")), ruleSet.rules().get(0).sources());
    assertEquals("c", ruleSet.rules().get(0).cautiousReading());
    assertEquals(List.of("when-to-seek-care"), ruleSet.rules().get(0).topics());
    assertEquals(new RuleSet.Education("d", List.of("disclaimer")), ruleSet.education());
  }

  @Test
  void currentRuleSetNeedsALocatorForEverySourceAndTheEducationLinks() throws IOException {
    JsonNode doc = base();
    rule(doc).putArray("sources").add("article");
    ((ObjectNode) doc).remove("education");
    String message = failure(doc);
    assertTrue(message.contains("rule fever: source 'article' needs a locator"), message);
    assertTrue(message.contains("education (the disclaimer and the topics every answer links) is missing"), message);
    doc = base();
    ((ObjectNode) rule(doc).path("sources").get(0)).remove("locator");
    assertTrue(failure(doc).contains("rule fever source article: locator is missing"));
  }

  @Test
  void earlierRuleSetIsReadAsPublishedWithoutLocatorsOrEducationAndWithFewerQuestions() throws IOException {
    JsonNode doc = base();
    rule(doc).putArray("sources").add("article");
    ((ObjectNode) doc).remove("education");
    RuleSet earlier = RuleSetParser.parse("v1.yaml", doc, RuleSetParser.Use.EARLIER, Set.of("fever", "weakness", "age", "painIntensity"),
        SOURCES);
    assertEquals(List.of(new RuleSet.Citation("article", null)), earlier.rules().get(0).sources());
    assertEquals(null, earlier.education());
  }

  @Test
  void earlierRuleSetStillOnlyAsksWhatTheReportHolds() throws IOException {
    String message = assertThrows(RuleSetParser.InvalidRuleSet.class,
        () -> RuleSetParser.parse("v1.yaml", base(), RuleSetParser.Use.EARLIER, Set.of("fever", "age"), SOURCES)).getMessage();
    assertTrue(message.contains("not in the report [weakness]"), message);
  }

  @Test
  void topicsMustBeTopicIdsListedOnce() throws IOException {
    JsonNode doc = base();
    rule(doc).putArray("topics").add("When to seek care");
    assertTrue(failure(doc).contains("rule fever: topic 'When to seek care' must be a topic id"));
    doc = base();
    ((ObjectNode) doc.path("pathways").get(0)).putArray("topics").add("daily-habits").add("daily-habits");
    assertTrue(failure(doc).contains("topic 'daily-habits' listed twice"));
  }

  @Test
  void unknownFieldIsRefusedNamingTheRule() throws IOException {
    JsonNode doc = base();
    rule(doc).set("when", when("{field: temperature, is: true}"));
    String message = failure(doc);
    assertTrue(message.contains("rule fever") && message.contains("unknown field 'temperature'"), message);
  }

  @Test
  void unknownEnumValueIsRefused() throws IOException {
    JsonNode doc = base();
    rule(doc).set("when", when("{field: weakness, atLeast: severe}"));
    assertTrue(failure(doc).contains("rule fever: field 'weakness' takes is or atLeast with one of"));
  }

  @Test
  void missingReasonActionOrSourceIsRefused() throws IOException {
    JsonNode doc = base();
    rule(doc).remove("reason");
    assertTrue(failure(doc).contains("rule fever: reason is missing"));
    doc = base();
    rule(doc).remove("action");
    assertTrue(failure(doc).contains("rule fever: action is missing"));
    doc = base();
    rule(doc).putArray("sources");
    assertTrue(failure(doc).contains("rule fever: needs at least one source"));
    doc = base();
    rule(doc).putArray("sources").addObject().put("id", "nobody").put("locator", "l");
    assertTrue(failure(doc).contains("rule fever: unknown source 'nobody'"));
  }

  @Test
  void duplicateRuleIdIsRefused() throws IOException {
    JsonNode doc = base();
    ((com.fasterxml.jackson.databind.node.ArrayNode) doc.path("rules")).add(rule(doc).deepCopy());
    assertTrue(failure(doc).contains("rule fever: duplicate id"));
  }

  @Test
  void symptomTestedDownwardsIsRefusedBecauseItBreaksMonotonicity() throws IOException {
    for (String condition : new String[] {"{field: fever, is: false}", "{not: {field: fever, is: true}}",
        "{field: weakness, is: stable}"}) {
      JsonNode doc = base();
      rule(doc).set("when", when(condition));
      assertTrue(failure(doc).contains("rule fever"), condition);
    }
  }

  @Test
  void contextMayBeTestedEitherWay() throws IOException {
    JsonNode doc = base();
    rule(doc).set("when", when("{all: [{field: fever, is: true}, {field: age, below: 45}]}"));
    assertEquals(1, parse(doc).rules().size());
  }

  @Test
  void outOfRangeNumberAndUnknownDispositionAreRefused() throws IOException {
    JsonNode doc = base();
    rule(doc).set("when", when("{field: age, atLeast: 200}"));
    assertTrue(failure(doc).contains("outside 0..130"));
    doc = base();
    rule(doc).put("disposition", "urgent");
    assertTrue(failure(doc).contains("rule fever: unknown disposition 'urgent'"));
  }

  @Test
  void questionsMustMatchTheReport() throws IOException {
    String message = assertThrows(RuleSetParser.InvalidRuleSet.class,
        () -> RuleSetParser.parse("test.yaml", base(), Set.of("fever", "weakness", "age", "painIntensity"), SOURCES)).getMessage();
    assertTrue(message.contains("missing [painIntensity]"), message);
  }

  @Test
  void pathwaysNeedADefaultAndSelfCareIsNoFloor() throws IOException {
    JsonNode doc = base();
    ((ObjectNode) doc.path("pathways").get(0)).set("when", when("{field: fever, is: true}"));
    ((ObjectNode) doc).put("incompleteFloor", "self_care");
    String message = failure(doc);
    assertTrue(message.contains("the last one must have no 'when'") && message.contains("incompleteFloor must not be self_care"), message);
  }

  @Test
  void sameDocumentAlwaysHasTheSameDigestAndAChangeAnother() throws IOException {
    JsonNode doc = base();
    assertEquals(parse(doc).digest(), parse(base()).digest());
    rule(doc).put("reason", "changed");
    assertTrue(!parse(doc).digest().equals(parse(base()).digest()));
  }
}
