package care.sij.triage.domain;

import java.util.List;

/**
 * One question of the symptom report, named like its JSON field. Enum values are listed from the
 * least to the most severe, which is what "atLeast" compares against.
 */
public record Question(String id, String text, Type type, List<String> values, Integer min, Integer max,
    Kind kind, boolean redFlag, Condition askIf) {

  public enum Type { BOOLEAN, INTEGER, ENUM, ENUM_SET }

  /** A symptom may only be tested upwards; context (age, side, pregnancy...) freely. */
  public enum Kind { SYMPTOM, CONTEXT }

  public int rank(String value) {
    return values.indexOf(value);
  }
}
