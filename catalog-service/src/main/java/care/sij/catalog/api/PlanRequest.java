package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.Exercise;
import care.sij.catalog.domain.Planner;
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
    @Schema(description = "Hardest difficulty the person takes on, 1 to 5; absent: 5.", example = "3") Integer maxDifficulty) {

  Planner.Input toDomain() {
    return new Planner.Input(soreSide,
        equipment == null ? null : equipment.isEmpty() ? EnumSet.noneOf(Exercise.Equipment.class) : EnumSet.copyOf(equipment),
        pregnant, maxDifficulty == null ? CatalogRules.DIFFICULTY_MAX : maxDifficulty);
  }
}
