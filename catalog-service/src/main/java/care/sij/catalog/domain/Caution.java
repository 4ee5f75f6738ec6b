package care.sij.catalog.domain;

import static care.sij.catalog.domain.CatalogRules.ID_MAX;
import static care.sij.catalog.domain.CatalogRules.ID_PATTERN;
import static care.sij.catalog.domain.CatalogRules.LIST_MAX;
import static care.sij.catalog.domain.CatalogRules.TEXT_MAX;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Something to mind before or while doing a routine or an exercise. It rests either on sources, or,
 * where no source says it, on the product's own reason, so that a reader always knows which of the two it is.
 */
@Schema(description = "Something to mind, and what it rests on: sources with where to find the statement, "
    + "or, where no source says it, the product's own reason. Exactly one of sources and ownReason is present.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Caution(
    @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a slug of lower-case letters, digits and single hyphens")
    @Schema(description = "Stable slug, unique within its list.", example = "see-physical-therapist-first", required = true) String id,
    @NotBlank @Size(max = TEXT_MAX) @Schema(description = "The caution in plain words.", required = true,
        example = "Have a physical therapist check that these corrections suit you before trying them on your own.") String text,
    @Size(min = 1, max = LIST_MAX) @Schema(description = "The sources that say it; absent when ownReason is given.")
    List<@NotNull @Valid SourceRef> sources,
    @Size(max = TEXT_MAX) @Schema(description = "Why the product adds this although no source says it; absent when sources are given.",
        example = "Lying flat late in pregnancy leaves some people light-headed; none of the articles covers it.") String ownReason) {

  /** A list of cautions, as an exercise or a routine holds it: ids once each, every caution resting on something. */
  static void check(String field, List<Caution> cautions, Coherent.Findings findings) {
    findings.distinct(field, cautions, Caution::id, ".id");
    for (int i = 0; i < cautions.size(); i++) {
      Caution c = cautions.get(i);
      if (c != null) {
        findings.basis(field + "[" + i + "]", c.sources(), c.ownReason(), true);
      }
    }
  }
}
