package care.sij.triage.domain;

/** The five dispositions of telehealth triage, most urgent first. */
public enum Disposition {
  emergency_ambulance, emergency, consultation_24, consultation, self_care;

  /** True when this disposition asks for care sooner than the other one. */
  public boolean moreUrgentThan(Disposition other) {
    return ordinal() < other.ordinal();
  }

  static Disposition mostUrgent(Disposition a, Disposition b) {
    return a.moreUrgentThan(b) ? a : b;
  }
}
