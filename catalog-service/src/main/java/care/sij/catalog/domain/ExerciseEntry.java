package care.sij.catalog.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An exercise as the read path serves it: its definition, whether it is retired, its strong ETag,
 * and its search keys, all computed once when the snapshot is built.
 *
 * @param etag a quoted entity tag, e.g. {@code "k3J...Q"}
 * @param nameKey the compacted name
 * @param aliasKeys the compacted aliases
 * @param haystack every searchable phrase (name, aliases, targets, goals) compacted, between '|'
 */
public record ExerciseEntry(Exercise exercise, boolean retired, String etag, String nameKey, List<String> aliasKeys, String haystack) {
  /** Bump when the representation of an exercise changes shape, so that old ETags stop matching. */
  static final String REPRESENTATION = "exercise/2";

  static ExerciseEntry of(Exercise exercise, boolean retired) {
    List<String> phrases = new ArrayList<>();
    phrases.add(exercise.name());
    phrases.addAll(exercise.aliases());
    phrases.addAll(exercise.targets());
    exercise.goals().forEach(g -> phrases.add(g.name()));
    StringBuilder haystack = new StringBuilder("|");
    for (String phrase : phrases) {
      haystack.append(SearchText.compact(phrase)).append('|');
    }
    return new ExerciseEntry(exercise, retired, etag(exercise, retired), SearchText.compact(exercise.name()),
        exercise.aliases().stream().map(SearchText::compact).toList(), haystack.toString());
  }

  /** The strong ETag: a hash of everything the representation shows. */
  static String etag(Exercise exercise, boolean retired) {
    return '"' + CatalogJson.fingerprint(REPRESENTATION, exercise, retired) + '"';
  }

  public String id() {
    return exercise.id();
  }
}
