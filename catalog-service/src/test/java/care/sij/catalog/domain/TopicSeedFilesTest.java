package care.sij.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed check of topics.yaml: a topic with any problem stops start-up, named by file, entry and field. */
class TopicSeedFilesTest {
  private static final String SOURCES = SeedFilesTest.SOURCES;

  private static String topic(String id, String related) {
    return """
        - id: %s
          title: "Topic %s"
          summary: "One sentence about %s."
          body:
            - heading: "First"
              text: "A short paragraph."
            - heading: "Second"
              text: "Another short paragraph."
          sources:
            - id: src-a
              locator: "Some heading"
          related: [%s]
        """.formatted(id, id, id, related);
  }

  private static final String TWO_TOPICS = topic("topic-a", "topic-b") + topic("topic-b", "topic-a");

  private static SeedFiles.Seeds parse(String topics) {
    return SeedFiles.parse(SOURCES, "", "", topics);
  }

  private static SeedFiles.InvalidSeeds invalid(String topics) {
    return assertThrows(SeedFiles.InvalidSeeds.class, () -> parse(topics));
  }

  private static void names(SeedFiles.InvalidSeeds e, String entry, String field) {
    String expected = SeedFiles.TOPICS + ": entry '" + entry + "': field '" + field + "'";
    assertTrue(e.getMessage().contains(expected), "expected <" + expected + "> in:\n" + e.getMessage());
  }

  @Test
  void wellFormedTopicsParseInFileOrder() {
    SeedFiles.Seeds seeds = parse(TWO_TOPICS);
    assertEquals(List.of("topic-a", "topic-b"), seeds.topics().stream().map(Topic::id).toList());
    Topic a = seeds.topics().get(0);
    assertEquals(List.of(new SourceRef("src-a", "Some heading")), a.sources());
    assertEquals("Second", a.body().get(1).heading());
  }

  @Test
  void everyMissingFieldIsNamed() {
    for (String field : List.of("title", "summary", "body", "sources", "related")) {
      String without = TWO_TOPICS.replaceFirst("(?m)^  " + field + ":.*\\n((    .*\\n)*)", "");
      names(invalid(without), "topic-a", field);
    }
  }

  @Test
  void sectionWithoutTextAndSourceWithoutLocatorAreNamed() {
    names(invalid(TWO_TOPICS.replaceFirst("      text: \"Another short paragraph.\"\n", "")), "topic-a", "body[1].text");
    names(invalid(TWO_TOPICS.replaceFirst("      locator: \"Some heading\"\n", "")), "topic-a", "sources[0].locator");
    names(invalid(TWO_TOPICS.replaceFirst("locator: \"Some heading\"", "locator: \"  \"")), "topic-a", "sources[0].locator");
  }

  @Test
  void unknownSourceIsRefused() {
    SeedFiles.InvalidSeeds e = invalid(TWO_TOPICS.replaceFirst("- id: src-a", "- id: src-z"));
    names(e, "topic-a", "sources[0].id");
    assertTrue(e.getMessage().contains("source 'src-z' does not exist"), e.getMessage());
  }

  @Test
  void unknownRelatedTopicIsRefused() {
    SeedFiles.InvalidSeeds e = invalid(topic("topic-a", "topic-b, topic-z") + topic("topic-b", "topic-a"));
    names(e, "topic-a", "related[1]");
    assertTrue(e.getMessage().contains("topic 'topic-z' does not exist"), e.getMessage());
  }

  @Test
  void topicRelatedToItselfIsRefused() {
    names(invalid(topic("topic-a", "topic-a") + topic("topic-b", "topic-a")), "topic-a", "related[0]");
  }

  @Test
  void duplicateIdIsRefused() {
    names(invalid(TWO_TOPICS + topic("topic-a", "topic-b")), "topic-a", "id");
  }

  @Test
  void badIdShapeIsRefused() {
    names(invalid(topic("Topic_A", "")), "Topic_A", "id");
  }

  @Test
  void unknownFieldIsRefused() {
    names(invalid(TWO_TOPICS.replaceFirst("  related: \\[topic-b]", "  related: [topic-b]\n  colour: red")), "topic-a", "colour");
  }

  @Test
  void overlongSummaryIsRefused() {
    names(invalid(TWO_TOPICS.replaceFirst("One sentence about topic-a.", "x".repeat(CatalogRules.TOPIC_SUMMARY_MAX + 1))), "topic-a", "summary");
  }

  @Test
  void theShippedTopicsFilePassesTheCheck() {
    List<String> ids = SeedFiles.fromClassPath().topics().stream().map(Topic::id).toList();
    assertEquals(List.of("the-si-joint", "out-of-place", "too-much-or-too-little-motion", "symptom-pattern", "si-joint-pain-or-sciatica",
        "daily-habits", "training-principles", "when-to-seek-care", "who-can-help", "disclaimer"), ids);
  }
}
