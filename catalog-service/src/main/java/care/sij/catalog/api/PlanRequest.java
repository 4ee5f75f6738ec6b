package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.Exercise;
import care.sij.catalog.domain.Planner;
import care.sij.common.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Who the plan is for.")
public record PlanRequest(
    @NotNull @Schema(description = "Which side hurts.", example = "left", required = true) Planner.SoreSide soreSide,
    @Size(max = 50) @Schema(description = "Equipment at hand. Absent: not said, and equipment rules nothing out; "
        + "empty: nothing at hand, so exercises that need equipment are swapped or left out.")
    List<Exercise.@NotNull Equipment> equipment,
    @NotNull @Schema(description = "Whether the person is pregnant: exercises not advised in pregnancy are swapped or left out. "
        + "Required, so that a client cannot forget to ask.", example = "false", required = true)
    Boolean pregnant,
    @Min(CatalogRules.DIFFICULTY_MIN) @Max(CatalogRules.DIFFICULTY_MAX)
    @Schema(description = "Hardest difficulty the person takes on, 1 to 5; absent: 5.", example = "3") Integer maxDifficulty,
    @Size(max = 50) @Schema(description = "What is known of the person, in the vocabulary of the exercises' contraindications (for example "
        + "from a triage assessment: leg numbness or weakness is neurological_symptoms, a recent fall is recent_trauma, severe pain that "
        + "began suddenly is acute_severe_pain, a joint that gives way is hypermobility). An exercise contraindicated for any of them "
        + "is swapped for the easiest fitting regression or left out, and the adjustment lists the findings that rule it out. pregnancy here must agree with "
        + "pregnant. Absent: none known.", example = "[\"neurological_symptoms\"]")
    List<Exercise.@NotNull Condition> findings) {

  Planner.Input toDomain() {
    EnumSet<Exercise.Condition> known = findings == null || findings.isEmpty()
        ? EnumSet.noneOf(Exercise.Condition.class) : EnumSet.copyOf(findings);
    if (known.contains(Exercise.Condition.pregnancy) && !pregnant) {
      throw new ProblemException.BadRequest("findings", "lists pregnancy while pregnant is false; say the same in both");
    }
    if (pregnant) {
      known.add(Exercise.Condition.pregnancy);
    }
    return new Planner.Input(soreSide,
        equipment == null ? null : equipment.isEmpty() ? EnumSet.noneOf(Exercise.Equipment.class) : EnumSet.copyOf(equipment),
        known, maxDifficulty == null ? CatalogRules.DIFFICULTY_MAX : maxDifficulty);
  }
}
