package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.Routine;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One step of a routine: an exercise, with an optional note, condition and overrides.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutineStep(
    @NotNull @Size(max = CatalogRules.ID_MAX) @Pattern(regexp = CatalogRules.ID_PATTERN, message = "must be an exercise id")
    @Schema(description = "Id of a live exercise.", example = "door-frame-knee-push", required = true) String exercise,
    @Size(max = CatalogRules.TEXT_MAX)
    @Schema(description = "What to mind in this step.", example = "Both sides. If this alone eases the pain, go straight to the Swiss ball superman.")
    String note,
    @Valid @Schema(description = "What to do if this step alone relieves the pain.") OnRelief onRelief,
    @Valid @Schema(description = "The routine's side rule for this step: replaces the exercise's own laterality, and an easier variant "
        + "planned instead keeps it when the variant works one side at a time.") Laterality laterality,
    @Valid @Schema(description = "Replaces the fields it gives of the exercise's dosage in this step.") Dosage dosage,
    @Size(max = CatalogRules.LIST_MAX) @Schema(description = "Notes for plans that do an easier variant instead of this step's exercise, "
        + "since the step's note is written for its own exercise.")
    List<@NotNull @Valid VariantNote> variantNotes) {

  @Schema(description = "What to mind in the step when this easier variant stands in for the step's exercise.")
  public record VariantNote(
      @NotNull @Size(max = CatalogRules.ID_MAX) @Pattern(regexp = CatalogRules.ID_PATTERN, message = "must be an exercise id")
      @Schema(description = "Id of the variant.", example = "bird-dog", required = true) String exercise,
      @NotBlank @Size(max = CatalogRules.TEXT_MAX) @Schema(description = "The note.", required = true,
          example = "Lift the leg of the side that is not sore with the opposite arm; work both sides equally when both hurt.") String note) {}

  @Schema(description = "A condition on relief: if this step alone relieves the pain, skip the next steps of the routine.")
  public record OnRelief(
      @NotNull @Min(1) @Max(49) @Schema(description = "How many of the following routine steps to skip, at most 49.", example = "2", required = true)
      Integer skipNext) {}

  static RoutineStep of(Routine.Step s) {
    return new RoutineStep(s.exercise(), s.note(), s.onRelief() == null ? null : new OnRelief(s.onRelief().skipNext()),
        Laterality.of(s.laterality()), Dosage.of(s.dosage()),
        s.variantNotes() == null ? null : s.variantNotes().stream().map(v -> new VariantNote(v.exercise(), v.note())).toList());
  }

  Routine.Step toDomain() {
    return new Routine.Step(exercise, note, onRelief == null ? null : new Routine.OnRelief(onRelief.skipNext()),
        laterality == null ? null : laterality.toDomain(), dosage == null ? null : dosage.toDomain(),
        variantNotes == null ? null : variantNotes.stream().map(v -> new Routine.VariantNote(v.exercise(), v.note())).toList());
  }
}
