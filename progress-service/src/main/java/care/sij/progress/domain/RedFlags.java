package care.sij.progress.domain;

/**
 * The red-flag questions of the triage symptom report, answered with a pain entry. Values as the
 * triage contract spells them; null means not asked.
 */
public record RedFlags(Boolean bowelOrBladderChange, Boolean saddleNumbness, String legWeakness, Boolean legNumbnessOrTingling,
    Boolean feverOrChills, String trauma) {

  /** Whether any answer points to a red flag. */
  public boolean anyPresent() {
    return Boolean.TRUE.equals(bowelOrBladderChange) || Boolean.TRUE.equals(saddleNumbness)
        || (legWeakness != null && !legWeakness.equals("none")) || Boolean.TRUE.equals(legNumbnessOrTingling)
        || Boolean.TRUE.equals(feverOrChills) || (trauma != null && !trauma.equals("none"));
  }
}
