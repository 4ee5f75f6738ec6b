package care.sij.triage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import care.sij.testsupport.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A version always means one set of rules: changed rules under a used version are refused. */
@QuarkusTest
class RuleSetVersionTest {
  @Inject
  RuleSets ruleSets;

  private RuleSet variant(String version, String reason) {
    ObjectNode doc = ruleSets.current().document().deepCopy();
    doc.put("version", version);
    ((ObjectNode) doc.path("rules").get(0)).put("reason", reason);
    return RuleSetParser.parse("variant.yaml", doc, SymptomReport.answerFields(),
        Map.of("si-joint-back-in-place", "a", "si-dysfunction-home-exercises", "b", "power-of-motion-mobilization", "c",
            "hinge-health-nine-exercises", "d", "chou-2007-acp-aps", "e", "finucane-2020-red-flags", "f", "nice-ng59", "g"));
  }

  @Test
  void changedRulesUnderTheCurrentVersionAreRefused() {
    RuleSet changed = variant(ruleSets.current().version(), "a different reason");
    String message = assertThrows(IllegalStateException.class, () -> ruleSets.record(changed)).getMessage();
    assertTrue(message.contains("needs a new version"), message);
  }

  @Test
  void publishedRuleSetOneIsStillTheRulesItWasPublishedWith() throws Exception {
    // the digest rule set 1 was recorded with by the service that published it: its file must never change
    try (var connection = PostgresTestResource.server().admin().connect();
        var rows = connection.createStatement().executeQuery("SELECT digest FROM triage.ruleset WHERE version = '1'")) {
      assertTrue(rows.next(), "rule set 1 is recorded at start-up");
      assertEquals("043e767aaa99c3017737b4f3cc11933d3bae48f816b3c355db4dff1a1c5898a4", rows.getString(1));
    }
    assertEquals("1", ruleSets.document("1").path("version").asText());
  }

  @Test
  void aNewVersionIsStoredAndStaysReadable() {
    ruleSets.record(variant("test-2", "another reason"));
    ruleSets.record(variant("test-2", "another reason")); // the same again changes nothing
    assertEquals("test-2", ruleSets.document("test-2").path("version").asText());
    assertEquals("another reason", ruleSets.document("test-2").path("rules").get(0).path("reason").asText());
  }
}
