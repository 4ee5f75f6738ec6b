package care.sij.catalog.domain;

/** A routine as the read path serves it, with its strong ETag (quoted). */
public record RoutineEntry(Routine routine, boolean retired, String etag) {
  /** Bump when the representation of a routine changes shape, so that old ETags stop matching. */
  static final String REPRESENTATION = "routine/2";

  static RoutineEntry of(Routine routine, boolean retired) {
    return new RoutineEntry(routine, retired, etag(routine, retired));
  }

  static String etag(Routine routine, boolean retired) {
    return '"' + CatalogJson.fingerprint(REPRESENTATION, routine, retired) + '"';
  }

  public String id() {
    return routine.id();
  }
}
