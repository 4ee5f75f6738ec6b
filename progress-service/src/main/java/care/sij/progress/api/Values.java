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
}
