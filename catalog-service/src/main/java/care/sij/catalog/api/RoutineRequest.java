package care.sij.catalog.api;

import static care.sij.catalog.domain.CatalogRules.ID_MAX;
import static care.sij.catalog.domain.CatalogRules.ID_PATTERN;
import static care.sij.catalog.domain.CatalogRules.LIST_MAX;
import static care.sij.catalog.domain.CatalogRules.NAME_MAX;
import static care.sij.catalog.domain.CatalogRules.ROUTINE_STEPS_MAX;
import static care.sij.catalog.domain.CatalogRules.SUMMARY_MAX;

import care.sij.catalog.domain.Routine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A routine as a curator writes it: the whole definition.")
public record RoutineRequest(
    @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a slug of lower-case letters, digits and single hyphens")
    @Schema(description = "Stable slug; on replace it must equal the id in the path.", example = "stability-routine", required = true) String id,
    @NotBlank @Size(max = NAME_MAX) @Schema(description = "Name.", example = "Stability routine for a loose SI joint", required = true) String name,
    @NotBlank @Size(max = SUMMARY_MAX) @Schema(description = "What it is for, in plain words.", required = true,
        example = "Gentle strengthening for a joint that feels unstable.") String summary,
    @NotNull @Schema(description = "The problem it serves.", example = "stability", required = true) Routine.Pathway pathway,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "Ids of the sources it comes from.", required = true,
        example = "[\"si-dysfunction-home-exercises\"]")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a source id") String> sources,
    @Size(max = LIST_MAX) @Schema(description = "What to mind before and while doing it, each with its sources or the product's own reason.")
    List<@NotNull @Valid Caution> cautions,
    @NotEmpty @Size(max = ROUTINE_STEPS_MAX) @Schema(description = "The steps, in order.", required = true) List<@NotNull @Valid RoutineStep> steps) {

  Routine toDomain() {
    return new Routine(id, name, summary, pathway, sources, Caution.toDomain(cautions), steps.stream().map(RoutineStep::toDomain).toList());
  }
}
