package care.sij.catalog.domain;

/**
 * An exercise, routine or topic as the read path serves it: its definition, whether it is retired,
 * and its strong ETag (quoted, e.g. {@code "k3J...Q"}), computed once when the snapshot is built.
 */
public record Entry<T>(String id, T definition, boolean retired, String etag) {
  // Bump one when the representation of its kind changes shape, so that old ETags stop matching.
  private static final String EXERCISE = "exercise/2";
  private static final String ROUTINE = "routine/2";
  private static final String TOPIC = "topic/1";

  static Entry<Exercise> of(Exercise exercise, boolean retired) {
    return new Entry<>(exercise.id(), exercise, retired, etag(EXERCISE, exercise, retired));
  }

  static Entry<Routine> of(Routine routine, boolean retired) {
    return new Entry<>(routine.id(), routine, retired, etag(ROUTINE, routine, retired));
  }

  static Entry<Topic> of(Topic topic, boolean retired) {
    return new Entry<>(topic.id(), topic, retired, etag(TOPIC, topic, retired));
  }

  /** A hash of everything the representation shows. */
  private static String etag(String representation, Object definition, boolean retired) {
    return '"' + CatalogJson.fingerprint(representation, definition, retired) + '"';
  }
}
