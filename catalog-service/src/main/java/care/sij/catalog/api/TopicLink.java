package care.sij.catalog.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An education topic that goes with this answer.", requiredProperties = {"id", "href"})
public record TopicLink(
    @Schema(description = "Topic id.", example = "training-principles") String id,
    @Schema(description = "Where to read it on catalog-service.", example = "/v1/topics/training-principles") String href) {

  static List<TopicLink> of(List<String> ids) {
    return ids.stream().map(id -> new TopicLink(id, "/v1/topics/" + id)).toList();
  }
}
