package care.sij.catalog.api;

import care.sij.catalog.domain.Exercise;
import care.sij.catalog.domain.Entry;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An exercise in a list: what search and filters look at. Read the exercise for its instructions.",
    requiredProperties = {"id", "name", "aliases", "category", "goals", "targets", "position", "equipment", "difficulty", "laterality"})
public record ExerciseSummary(
    @Schema(description = "Stable slug.", example = "clamshell") String id,
    @Schema(description = "Name.", example = "Clamshell") String name,
    @Schema(description = "Other names people search by.") List<String> aliases,
    @Schema(description = "Kind of exercise.", example = "stabilization") Exercise.Category category,
    @Schema(description = "Problems it serves.") List<Exercise.Goal> goals,
    @Schema(description = "Muscles and structures it works.") List<String> targets,
    @Schema(description = "Starting position.", example = "side_lying") Exercise.Position position,
    @Schema(description = "What it needs; empty for nothing.") List<Exercise.Equipment> equipment,
    @Schema(description = "1 (easiest) to 5.", example = "2") int difficulty,
    @Schema(description = "How the sides are worked.", example = "each_side") Exercise.LateralityMode laterality) {

  static ExerciseSummary of(Entry<Exercise> entry) {
    Exercise e = entry.definition();
    return new ExerciseSummary(e.id(), e.name(), e.aliases(), e.category(), e.goals(), e.targets(), e.position(), e.equipment(),
        e.difficulty(), e.laterality().mode());
  }
}
