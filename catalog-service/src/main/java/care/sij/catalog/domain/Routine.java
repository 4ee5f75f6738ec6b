package care.sij.catalog.domain;

import static care.sij.catalog.domain.CatalogRules.ID_MAX;
import static care.sij.catalog.domain.CatalogRules.ID_PATTERN;
import static care.sij.catalog.domain.CatalogRules.LIST_MAX;
import static care.sij.catalog.domain.CatalogRules.NAME_MAX;
import static care.sij.catalog.domain.CatalogRules.ROUTINE_STEPS_MAX;
import static care.sij.catalog.domain.CatalogRules.SUMMARY_MAX;
import static care.sij.catalog.domain.CatalogRules.TEXT_MAX;

import com.fasterxml.jackson.annotation.JsonInclude;
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

/**
 * An ordered sequence of exercises with conditions, as the catalog defines it: a seed entry or a
 * curator's write, checked by the same constraints either way. Immutable; stored as jsonb.
 */
@Schema(name = "RoutineRequest", description = "A routine as a curator writes it: the whole definition.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Coherent
public record Routine(
    @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a slug of lower-case letters, digits and single hyphens")
    @Schema(description = "Stable slug; on replace it must equal the id in the path.", example = "stability-routine", required = true) String id,
    @NotBlank @Size(max = NAME_MAX) @Schema(description = "Name.", example = "Stability routine for a loose SI joint", required = true) String name,
    @NotBlank @Size(max = SUMMARY_MAX) @Schema(description = "What it is for, in plain words.", required = true,
        example = "Gentle strengthening for a joint that feels unstable.") String summary,
    @NotNull @Schema(description = "The problem it serves.", example = "stability", required = true) Pathway pathway,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "Ids of the sources it comes from.", required = true,
        example = "[\"si-dysfunction-home-exercises\"]")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a source id") String> sources,
    @Size(max = LIST_MAX) @Schema(description = "What to mind before and while doing it, each with its sources or the product's own reason.")
    List<@NotNull @Valid Caution> cautions,
    @NotEmpty @Size(max = ROUTINE_STEPS_MAX) @Schema(description = "The steps, in order.", required = true) List<@NotNull @Valid Step> steps)
    implements Coherent.Checked {

  /** Which kind of problem the routine serves: a stiff joint, a loose one, or both. */
  public enum Pathway { mobility, stability, general }

  /** Optional lists left out of a request, a seed entry or an older stored document are empty. */
  public Routine {
    cautions = Exercise.orEmpty(cautions);
  }

  @Override
  public void check(Coherent.Findings findings) {
    findings.distinct("sources", sources);
    Caution.check("cautions", cautions, findings);
    for (int i = 0; steps != null && i < steps.size(); i++) {
      OnRelief onRelief = steps.get(i) == null ? null : steps.get(i).onRelief();
      int remaining = steps.size() - i - 1;
      if (onRelief != null && onRelief.skipNext() != null && onRelief.skipNext() > remaining) { // below 1: the annotations' concern
        findings.add("steps[" + i + "].onRelief.skipNext", remaining == 0
            ? "the last step has no steps after it to skip"
            : "must be between 1 and " + remaining + ", the number of steps after this one");
      }
    }
  }

  /**
   * One step: an exercise with an optional note, a condition on relief, and overrides of the
   * exercise's laterality and dosage (a dosage override replaces only the fields it gives). The
   * laterality override is the routine's side rule: an easier variant done instead keeps it.
   */
  @Schema(name = "RoutineStep", description = "One step of a routine: an exercise, with an optional note, condition and overrides.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Coherent
  public record Step(
      @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be an exercise id")
      @Schema(description = "Id of a live exercise.", example = "door-frame-knee-push", required = true) String exercise,
      @Size(max = TEXT_MAX)
      @Schema(description = "What to mind in this step.", example = "Both sides. If this alone eases the pain, go straight to the Swiss ball superman.")
      String note,
      @Valid @Schema(description = "What to do if this step alone relieves the pain.") OnRelief onRelief,
      @Valid @Schema(description = "The routine's side rule for this step: replaces the exercise's own laterality, and an easier variant "
          + "planned instead keeps it when the variant works one side at a time.") Exercise.Laterality laterality,
      @Valid @Schema(description = "Replaces the fields it gives of the exercise's dosage in this step.") Exercise.Dosage dosage,
      @Size(max = LIST_MAX) @Schema(description = "Notes for plans that do an easier variant instead of this step's exercise, "
          + "since the step's note is written for its own exercise.")
      List<@NotNull @Valid VariantNote> variantNotes) implements Coherent.Checked {

    /** The note for a plan that does this step with an easier variant instead of the step's exercise. */
    public String noteFor(String variant) {
      return variantNotes == null ? null
          : variantNotes.stream().filter(v -> variant.equals(v.exercise())).map(VariantNote::note).findFirst().orElse(null);
    }

    @Override
    public void check(Coherent.Findings findings) {
      findings.notBlank("note", note);
      findings.distinct("variantNotes", variantNotes, VariantNote::exercise, ".exercise");
      for (int k = 0; variantNotes != null && k < variantNotes.size(); k++) {
        if (variantNotes.get(k) != null && exercise != null && exercise.equals(variantNotes.get(k).exercise())) {
          findings.add("variantNotes[" + k + "].exercise", "must name a variant of the step's exercise, not the exercise itself");
        }
      }
    }
  }

  /** What to mind in a step when an easier variant stands in for its exercise: the step's own note was written for the exercise. */
  @Schema(description = "What to mind in the step when this easier variant stands in for the step's exercise.")
  public record VariantNote(
      @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be an exercise id")
      @Schema(description = "Id of the variant.", example = "bird-dog", required = true) String exercise,
      @NotBlank @Size(max = TEXT_MAX) @Schema(description = "The note.", required = true,
          example = "Lift the leg of the side that is not sore with the opposite arm; work both sides equally when both hurt.") String note) {}

  /** If this step alone relieves the pain, skip the next {@code skipNext} steps of the routine. */
  @Schema(description = "A condition on relief: if this step alone relieves the pain, skip the next steps of the routine.")
  public record OnRelief(
      @NotNull @Min(1) @Max(ROUTINE_STEPS_MAX - 1)
      @Schema(description = "How many of the following routine steps to skip, at most 49.", example = "2", required = true)
      Integer skipNext) {}
}
