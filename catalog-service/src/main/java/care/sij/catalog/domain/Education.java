package care.sij.catalog.domain;

import java.util.ArrayList;
import java.util.List;

/** Which education topics (seeds/catalog/topics.yaml) go with a plan or an exercise, and the disclaimer every plan carries. */
public final class Education {
  public static final String DISCLAIMER = "Educational exercise information, not a diagnosis or a clinician's treatment plan: stop anything "
      + "that makes the pain sharper or spreads it, and see a clinician for any warning sign.";

  private Education() {}

  public static List<String> topicsForPlan(Routine routine) {
    List<String> topics = new ArrayList<>(List.of("disclaimer", "training-principles"));
    if (routine.pathway() != Routine.Pathway.general) {
      topics.add("too-much-or-too-little-motion");
    }
    topics.add("when-to-seek-care");
    return List.copyOf(topics);
  }

  public static List<String> topicsForExercise(Exercise exercise) {
    return switch (exercise.category()) {
      case mobilization, muscle_energy, stabilization -> List.of("too-much-or-too-little-motion", "training-principles");
      case stretch -> List.of("training-principles", "daily-habits");
      case support -> List.of("too-much-or-too-little-motion");
    };
  }
}
