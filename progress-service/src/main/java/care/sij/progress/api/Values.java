package care.sij.progress.api;

/** Enumerated values of the progress contract, spelled as on the wire. */
final class Values {
  private Values() {}

  /** When the pain was felt. */
  enum Context { morning, after_activity, after_exercise, evening, night, other }

  /** Side of the pain (as in the triage symptom report). */
  enum PainSide { left, right, both, central }

  /** Where the pain is felt (as in the triage symptom report). */
  enum Location { lower_back, buttock, groin, hip, back_of_thigh, below_knee }

  /** Side an exercise was done on. */
  enum ExerciseSide { left, right, both, none }

  enum LegWeakness { none, stable, progressive }

  enum Trauma { none, minor, major }

  static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  /** An enum value from a query parameter, or a 400 naming it (JAX-RS itself would answer 404). */
  static <E extends Enum<E>> E parse(Class<E> type, String value, String parameter) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw new care.sij.common.ProblemException.BadRequest(parameter,
        "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
  }

  /** An ISO-8601 instant from a query parameter, or a 400 naming it. */
  static java.time.Instant instant(String value, String parameter) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return java.time.Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new care.sij.common.ProblemException.BadRequest(parameter, "must be an ISO-8601 instant such as 2026-11-21T08:00:00Z");
    }
  }
}
