package care.sij.catalog.domain;

import java.util.List;
import java.util.Set;

/**
 * A search of the exercise list. Every criterion is optional (null: any).
 *
 * @param text words to find in name, aliases, targets and goals
 * @param equipment what the person has: an exercise matches when it needs nothing outside this set
 */
public record ExerciseQuery(String text, Exercise.Category category, Exercise.Goal goal, Exercise.Position position,
    Exercise.LateralityMode laterality, Integer maxDifficulty, Set<Exercise.Equipment> equipment) {

  /** The compiled text criterion: its compacted whole and its compacted words. */
  record Text(String compact, List<String> tokens) {
    static Text of(String text) {
      List<String> tokens = SearchText.tokens(text);
      return tokens.isEmpty() ? null : new Text(String.join("", tokens), tokens);
    }

    /** 0 for no match; higher for a better one (exact name, exact alias, name prefix, alias prefix, words). */
    int score(ExerciseEntry entry) {
      for (String token : tokens) {
        if (!entry.haystack().contains(token)) {
          return 0;
        }
      }
      if (entry.nameKey().equals(compact)) {
        return 5;
      }
      if (entry.aliasKeys().contains(compact)) {
        return 4;
      }
      if (entry.nameKey().startsWith(compact)) {
        return 3;
      }
      if (entry.aliasKeys().stream().anyMatch(a -> a.startsWith(compact))) {
        return 2;
      }
      return 1;
    }
  }

  boolean matchesFilters(ExerciseEntry entry) {
    Exercise e = entry.exercise();
    return (category == null || e.category() == category)
        && (goal == null || e.goals().contains(goal))
        && (position == null || e.position() == position)
        && (laterality == null || e.laterality().mode() == laterality)
        && (maxDifficulty == null || e.difficulty() <= maxDifficulty)
        && (equipment == null || equipment.containsAll(e.equipment()));
  }
}
