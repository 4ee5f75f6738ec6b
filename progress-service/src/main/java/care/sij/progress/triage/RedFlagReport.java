package care.sij.progress.triage;

import care.sij.progress.domain.RedFlags;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The part of triage's symptom report that a pain entry carries: its red-flag answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RedFlagReport(String patientRef, Boolean bowelOrBladderChange, Boolean saddleNumbness, String legWeakness,
    Boolean legNumbnessOrTingling, Boolean feverOrChills, String trauma) {

  static RedFlagReport of(String patientRef, RedFlags f) {
    return new RedFlagReport(patientRef, f.bowelOrBladderChange(), f.saddleNumbness(), f.legWeakness(), f.legNumbnessOrTingling(),
        f.feverOrChills(), f.trauma());
  }
}
