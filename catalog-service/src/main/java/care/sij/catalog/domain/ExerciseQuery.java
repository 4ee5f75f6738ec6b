package care.sij.catalog.domain;

import java.util.ArrayList;
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

  /**
   * An exercise with its search keys, computed once per snapshot.
   *
   * @param nameKey the compacted name
   * @param aliasKeys the compacted aliases
   * @param haystack every searchable phrase (name, aliases, targets, goals) compacted, between '|'
   */
  record Indexed(Entry<Exercise> entry, String nameKey, List<String> aliasKeys, String haystack) {
    static Indexed of(Entry<Exercise> entry) {
      Exercise exercise = entry.definition();
      List<String> phrases = new ArrayList<>();
      phrases.add(exercise.name());
      phrases.addAll(exercise.aliases());
      phrases.addAll(exercise.targets());
      exercise.goals().forEach(g -> phrases.add(g.name()));
      StringBuilder haystack = new StringBuilder("|");
      for (String phrase : phrases) {
        haystack.append(SearchText.compact(phrase)).append('|');
      }
      return new Indexed(entry, SearchText.compact(exercise.name()), exercise.aliases().stream().map(SearchText::compact).toList(),
          haystack.toString());
    }
  }

  /** The compiled text criterion: its compacted whole and its compacted words. */
  record Text(String compact, List<String> tokens) {
    static Text of(String text) {
      List<String> tokens = SearchText.tokens(text);
      return tokens.isEmpty() ? null : new Text(String.join("", tokens), tokens);
    }

    /** 0 for no match; higher for a better one (exact name, exact alias, name prefix, alias prefix, words). */
    int score(Indexed exercise) {
      for (String token : tokens) {
        if (!exercise.haystack().contains(token)) {
          return 0;
        }
      }
      if (exercise.nameKey().equals(compact)) {
        return 5;
      }
      if (exercise.aliasKeys().contains(compact)) {
        return 4;
      }
      if (exercise.nameKey().startsWith(compact)) {
        return 3;
      }
      if (exercise.aliasKeys().stream().anyMatch(a -> a.startsWith(compact))) {
        return 2;
      }
      return 1;
    }
  }

  boolean matchesFilters(Indexed exercise) {
    Exercise e = exercise.entry().definition();
    return (category == null || e.category() == category)
        && (goal == null || e.goals().contains(goal))
        && (position == null || e.position() == position)
        && (laterality == null || e.laterality().mode() == laterality)
        && (maxDifficulty == null || e.difficulty() <= maxDifficulty)
        && (equipment == null || equipment.containsAll(e.equipment()));
  }
}
