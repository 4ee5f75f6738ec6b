package care.sij.catalog.domain;

import static care.sij.catalog.domain.CatalogRules.ID_MAX;
import static care.sij.catalog.domain.CatalogRules.ID_PATTERN;
import static care.sij.catalog.domain.CatalogRules.LOCATOR_MAX;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A source and where in it a reviewer finds what is said: a section heading of the article, or, for a passage
 * without one, a description naming the neighbouring heading in quotes.
 */
@Schema(name = "SourceReference", description = "A source and where in it a reviewer finds what is said.")
public record SourceRef(
    @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a source id")
    @Schema(description = "Id of the source (GET /v1/sources/{id}).", example = "si-joint-back-in-place", required = true) String id,
    @NotBlank @Size(max = LOCATOR_MAX)
    @Schema(description = "The section of the article, by its heading; for a passage without one, a description naming the "
        + "neighbouring heading in quotes.", example = "Long-Term Stability and Prevention", required = true) String locator) {}
