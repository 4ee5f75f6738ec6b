package care.sij.catalog.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One page of topics. The Link header (RFC 8288) links the first, previous, next and last pages.",
    requiredProperties = {"items", "page", "size", "total"})
public record TopicPage(
    @Schema(description = "The topics on this page, by title.") List<TopicSummary> items,
    @Schema(description = "This page, from 1.", example = "1") int page,
    @Schema(description = "Page size asked for.", example = "20") int size,
    @Schema(description = "How many topics are listed, over all pages.", example = "10") int total) {}
