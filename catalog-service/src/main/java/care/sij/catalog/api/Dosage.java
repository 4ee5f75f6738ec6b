package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.Exercise;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How much to do, as the sources give it; a field is absent when no source gives it. "
    + "In a routine step, an override: only the fields given replace the exercise's own.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dosage(
    @Valid @Schema(description = "Sets per session.") Range sets,
    @Valid @Schema(description = "Repetitions per set (per side when perSide).") Range reps,
    @Valid @Schema(description = "Seconds to hold each repetition.") Range holdSeconds,
    @Valid @Schema(description = "Seconds to rest between repetitions.") Range restSeconds,
    @Valid @Schema(description = "Sessions per day.") Range perDay,
    @Valid @Schema(description = "Sessions per week.") Range perWeek,
    @Schema(description = "Whether the counts are per side. Required on an exercise; optional in a step's override.", example = "true")
    Boolean perSide,
    @Size(max = CatalogRules.TEXT_MAX)
    @Schema(description = "What the sources leave open, in plain words.", example = "No count is given.") String note) {

  static Dosage of(Exercise.Dosage d) {
    return d == null ? null : new Dosage(Range.of(d.sets()), Range.of(d.reps()), Range.of(d.holdSeconds()), Range.of(d.restSeconds()),
        Range.of(d.perDay()), Range.of(d.perWeek()), d.perSide(), d.note());
  }

  Exercise.Dosage toDomain() {
    return new Exercise.Dosage(domain(sets), domain(reps), domain(holdSeconds), domain(restSeconds), domain(perDay), domain(perWeek),
        perSide, note);
  }

  private static Exercise.Range domain(Range range) {
    return range == null ? null : range.toDomain();
  }
}
