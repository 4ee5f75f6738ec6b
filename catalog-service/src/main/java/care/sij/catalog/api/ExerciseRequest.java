package care.sij.catalog.api;

import static care.sij.catalog.domain.CatalogRules.DIFFICULTY_MAX;
import static care.sij.catalog.domain.CatalogRules.DIFFICULTY_MIN;
import static care.sij.catalog.domain.CatalogRules.ID_MAX;
import static care.sij.catalog.domain.CatalogRules.ID_PATTERN;
import static care.sij.catalog.domain.CatalogRules.LIST_MAX;
import static care.sij.catalog.domain.CatalogRules.NAME_MAX;
import static care.sij.catalog.domain.CatalogRules.STEPS_MAX;
import static care.sij.catalog.domain.CatalogRules.STEPS_MIN;
import static care.sij.catalog.domain.CatalogRules.TARGET_PATTERN;
import static care.sij.catalog.domain.CatalogRules.TEXT_MAX;

import care.sij.catalog.domain.Exercise;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An exercise as a curator writes it: the whole definition. Lists left out are empty.")
public record ExerciseRequest(
    @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a slug of lower-case letters, digits and single hyphens")
    @Schema(description = "Stable slug; on replace it must equal the id in the path.", example = "clamshell", required = true) String id,
    @NotBlank @Size(max = NAME_MAX) @Schema(description = "Name.", example = "Clamshell", required = true) String name,
    @Size(max = LIST_MAX) @Schema(description = "Other names people search by.")
    List<@NotBlank @Size(max = NAME_MAX) String> aliases,
    @NotNull @Schema(description = "Kind of exercise.", example = "stabilization", required = true) Exercise.Category category,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "Problems it serves.", required = true) List<Exercise.@NotNull Goal> goals,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "Muscles and structures it works, as lower-case names with underscores.", required = true,
        example = "[\"gluteus_medius\"]")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = TARGET_PATTERN, message = "must be a lower-case name with underscores") String> targets,
    @NotNull @Schema(description = "Starting position.", example = "side_lying", required = true) Exercise.Position position,
    @Size(max = LIST_MAX) @Schema(description = "What it needs; empty for nothing.") List<Exercise.@NotNull Equipment> equipment,
    @NotNull @Min(DIFFICULTY_MIN) @Max(DIFFICULTY_MAX) @Schema(description = "1 (easiest) to 5.", example = "2", required = true) Integer difficulty,
    @NotNull @Valid @Schema(required = true) Laterality laterality,
    @NotNull @Valid @Schema(required = true, allOf = Dosage.class, requiredProperties = "perSide",
        description = "How much to do; perSide is required here.") Dosage dosage,
    @NotNull @Size(min = STEPS_MIN, max = STEPS_MAX) @Schema(description = "Ordered instructions a person can follow; at least 3.", required = true,
        example = "[\"Lie on your side with knees bent.\", \"Open the top knee, feet together.\", \"Lower it slowly.\"]")
    List<@NotBlank @Size(max = TEXT_MAX) String> steps,
    @Size(max = LIST_MAX) @Schema(description = "Hints for doing it well.") List<@NotBlank @Size(max = TEXT_MAX) String> cues,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "When to stop.", required = true,
        example = "[\"Stop if the pain grows sharper.\"]") List<@NotBlank @Size(max = TEXT_MAX) String> safety,
    @Size(max = LIST_MAX) @Schema(description = "Conditions that rule it out.") List<@NotNull @Valid Contraindication> contraindications,
    @Size(max = LIST_MAX) @Schema(description = "What to mind beyond when to stop, each with its sources or the product's own reason.")
    List<@NotNull @Valid Caution> cautions,
    @Size(max = LIST_MAX) @Schema(description = "Ids of harder variants (live exercises).")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be an exercise id") String> progressions,
    @Size(max = LIST_MAX) @Schema(description = "Ids of easier variants (live exercises); plans swap to these when the exercise does not fit.")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be an exercise id") String> regressions,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "Ids of the sources it comes from (GET /v1/sources).", required = true,
        example = "[\"si-dysfunction-home-exercises\"]")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a source id") String> sources) {

  Exercise toDomain() {
    return new Exercise(id, name, orEmpty(aliases), category, goals, targets, position, orEmpty(equipment), difficulty,
        laterality.toDomain(), dosage.toDomain(), steps, orEmpty(cues), safety,
        orEmpty(contraindications).stream().map(Contraindication::toDomain).toList(), Caution.toDomain(cautions), orEmpty(progressions), orEmpty(regressions), sources);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
