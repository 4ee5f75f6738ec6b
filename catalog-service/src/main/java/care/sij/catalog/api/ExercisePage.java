package care.sij.catalog.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One page of exercises. The Link header (RFC 8288) links the first, previous, next and last pages.",
    requiredProperties = {"items", "page", "size", "total"})
public record ExercisePage(
    @Schema(description = "The exercises on this page: by relevance when searching with q, otherwise by name.") List<ExerciseSummary> items,
    @Schema(description = "This page, from 1.", example = "1") int page,
    @Schema(description = "Page size asked for.", example = "20") int size,
    @Schema(description = "How many exercises match, over all pages.", example = "27") int total) {}
