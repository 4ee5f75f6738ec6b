package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.Routine;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
    @Valid @Schema(description = "Replaces the exercise's own laterality in this step.") Laterality laterality,
    @Valid @Schema(description = "Replaces the fields it gives of the exercise's dosage in this step.") Dosage dosage) {

  @Schema(description = "A condition on relief: if this step alone relieves the pain, skip the next steps of the routine.")
  public record OnRelief(
      @NotNull @Min(1) @Max(49) @Schema(description = "How many of the following routine steps to skip, at most 49.", example = "2", required = true)
      Integer skipNext) {}

  static RoutineStep of(Routine.Step s) {
    return new RoutineStep(s.exercise(), s.note(), s.onRelief() == null ? null : new OnRelief(s.onRelief().skipNext()),
        Laterality.of(s.laterality()), Dosage.of(s.dosage()));
  }

  Routine.Step toDomain() {
    return new Routine.Step(exercise, note, onRelief == null ? null : new Routine.OnRelief(onRelief.skipNext()),
        laterality == null ? null : laterality.toDomain(), dosage == null ? null : dosage.toDomain());
  }
}
