package care.sij.catalog.api;

import care.sij.catalog.domain.Entry;
import care.sij.catalog.domain.Topic;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A topic in a list. Read the topic for its text and sources.", requiredProperties = {"id", "title", "summary"})
public record TopicSummary(
    @Schema(description = "Stable slug.", example = "symptom-pattern") String id,
    @Schema(description = "Title.", example = "How SI joint pain usually shows itself") String title,
    @Schema(description = "The topic in one sentence.",
        example = "SI joint pain usually sits low in the back and buttock on one side and flares with certain moves and positions.")
    String summary) {

  static TopicSummary of(Entry<Topic> entry) {
    return new TopicSummary(entry.id(), entry.definition().title(), entry.definition().summary());
  }
}
