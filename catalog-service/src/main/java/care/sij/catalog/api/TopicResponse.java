package care.sij.catalog.api;

import care.sij.catalog.domain.SourceRef;
import care.sij.catalog.domain.Topic;
import care.sij.catalog.domain.Entry;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An education topic: what the sources explain around the exercises, in our own words, with where in each source "
    + "a reviewer finds it. General information, not medical advice (see the topic disclaimer).",
    requiredProperties = {"id", "title", "summary", "body", "sources", "related", "retired"})
public record TopicResponse(
    @Schema(description = "Stable slug; triage results and plans link to it.", example = "symptom-pattern") String id,
    @Schema(description = "Title.", example = "How SI joint pain usually shows itself") String title,
    @Schema(description = "The topic in one sentence.",
        example = "SI joint pain usually sits low in the back and buttock on one side and flares with certain moves and positions.")
    String summary,
    @Schema(description = "The text, as sections to be shown in order.") List<Section> body,
    @Schema(description = "The sources it draws on, each with the section where a reviewer finds it.") List<SourceRef> sources,
    @Schema(description = "Ids of topics to read next.") List<String> related,
    @Schema(description = "True once its seed entry was removed: no longer listed, still readable.", example = "false") boolean retired) {

  static TopicResponse of(Entry<Topic> entry) {
    Topic t = entry.definition();
    return new TopicResponse(t.id(), t.title(), t.summary(), t.body().stream().map(s -> new Section(s.heading(), s.text())).toList(),
        t.sources(), t.related(), entry.retired());
  }

  @Schema(name = "TopicSection", description = "One section of a topic's text.", requiredProperties = {"heading", "text"})
  public record Section(
      @Schema(description = "Heading of the section.", example = "What makes it worse") String heading,
      @Schema(description = "One short paragraph of plain text.",
          example = "Standing up from a chair, climbing stairs and lying on the sore side often bring it on.") String text) {}
}
