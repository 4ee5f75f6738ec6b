package care.sij.catalog.api;

import care.sij.catalog.domain.Caution;
import care.sij.catalog.domain.Education;
import care.sij.catalog.domain.Exercise;
import care.sij.catalog.domain.Entry;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An exercise, stretch, mobilization, isometric correction or support, with everything needed to do it safely.",
    requiredProperties = {"id", "name", "aliases", "category", "goals", "targets", "position", "equipment", "difficulty", "laterality",
        "dosage", "steps", "cues", "safety", "contraindications", "cautions", "progressions", "regressions", "sources", "topics", "retired"})
public record ExerciseResponse(
    @Schema(description = "Stable slug.", example = "clamshell") String id,
    @Schema(description = "Name.", example = "Clamshell") String name,
    @Schema(description = "Other names people search by.") List<String> aliases,
    @Schema(description = "Kind of exercise.", example = "stabilization") Exercise.Category category,
    @Schema(description = "Problems it serves.") List<Exercise.Goal> goals,
    @Schema(description = "Muscles and structures it works.") List<String> targets,
    @Schema(description = "Starting position.", example = "side_lying") Exercise.Position position,
    @Schema(description = "What it needs; empty for nothing.") List<Exercise.Equipment> equipment,
    @Schema(description = "1 (easiest) to 5.", example = "2") int difficulty,
    Exercise.Laterality laterality,
    Exercise.Dosage dosage,
    @Schema(description = "Ordered instructions.") List<String> steps,
    @Schema(description = "Hints for doing it well.") List<String> cues,
    @Schema(description = "When to stop.") List<String> safety,
    @Schema(description = "Conditions that rule it out.") List<Exercise.Contraindication> contraindications,
    @Schema(description = "What to mind beyond when to stop, each with its sources or the product's own reason.") List<Caution> cautions,
    @Schema(description = "Ids of harder variants.") List<String> progressions,
    @Schema(description = "Ids of easier variants.") List<String> regressions,
    @Schema(description = "Ids of the sources it comes from.") List<String> sources,
    @Schema(description = "Education topics that go with it, served by catalog-service.") List<TopicLink> topics,
    @Schema(description = "True once a curator retired it or its seed entry was removed: no longer listed, still readable.", example = "false")
    boolean retired) {

  static ExerciseResponse of(Entry<Exercise> entry) {
    Exercise e = entry.definition();
    return new ExerciseResponse(e.id(), e.name(), e.aliases(), e.category(), e.goals(), e.targets(), e.position(), e.equipment(),
        e.difficulty(), e.laterality(), e.dosage(), e.steps(), e.cues(), e.safety(),
        e.contraindications(), e.cautions(), e.progressions(), e.regressions(), e.sources(),
        TopicLink.of(Education.topicsForExercise(e)), entry.retired());
  }
}
