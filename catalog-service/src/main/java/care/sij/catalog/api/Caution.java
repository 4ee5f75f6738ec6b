package care.sij.catalog.api;

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

@Schema(description = "Something to mind, and what it rests on: sources with where to find the statement, "
    + "or, where no source says it, the product's own reason. Exactly one of sources and ownReason is present.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Caution(
    @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a slug of lower-case letters, digits and single hyphens")
    @Schema(description = "Stable slug, unique within its list.", example = "see-physical-therapist-first", required = true) String id,
    @NotBlank @Size(max = TEXT_MAX) @Schema(description = "The caution in plain words.", required = true,
        example = "Have a physical therapist check that these corrections suit you before trying them on your own.") String text,
    @Size(min = 1, max = LIST_MAX) @Schema(description = "The sources that say it; absent when ownReason is given.")
    List<@NotNull @Valid SourceReference> sources,
    @Size(max = TEXT_MAX) @Schema(description = "Why the product adds this although no source says it; absent when sources are given.",
        example = "Lying flat late in pregnancy leaves some people light-headed; none of the articles covers it.") String ownReason) {

  static List<Caution> of(List<care.sij.catalog.domain.Caution> cautions) {
    return cautions.stream().map(c -> new Caution(c.id(), c.text(), SourceReference.of(c.sources()), c.ownReason())).toList();
  }

  static List<care.sij.catalog.domain.Caution> toDomain(List<Caution> cautions) {
    return cautions == null ? List.of()
        : cautions.stream().map(c -> new care.sij.catalog.domain.Caution(c.id, c.text, SourceReference.toDomain(c.sources), c.ownReason)).toList();
  }
}
