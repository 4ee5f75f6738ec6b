package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.SourceRef;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A source and where in it a reviewer finds what is said.")
public record SourceReference(
    @NotNull @Size(max = CatalogRules.ID_MAX) @Pattern(regexp = CatalogRules.ID_PATTERN, message = "must be a source id")
    @Schema(description = "Id of the source (GET /v1/sources/{id}).", example = "si-joint-back-in-place", required = true) String id,
    @NotBlank @Size(max = CatalogRules.LOCATOR_MAX)
    @Schema(description = "The section of the article, by its heading; for a passage without one, a description naming the "
        + "neighbouring heading in quotes.", example = "Long-Term Stability and Prevention", required = true) String locator) {

  static List<SourceReference> of(List<SourceRef> refs) {
    return refs == null ? null : refs.stream().map(r -> new SourceReference(r.id(), r.locator())).toList();
  }

  static List<SourceRef> toDomain(List<SourceReference> refs) {
    return refs == null ? null : refs.stream().map(r -> new SourceRef(r.id, r.locator)).toList();
  }
}
