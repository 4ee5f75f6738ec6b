package care.sij.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Symptom reports for triage's createAssessment, as tests of any module send them. */
public final class SymptomReports {
  private SymptomReports() {}

  /** Every question answered; nothing that escalates; a stiff joint: self-care on the mobility pathway. */
  public static Map<String, Object> benign() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("age", 35);
    r.put("painSide", "left");
    r.put("painIntensity", 3);
    r.put("painLocations", List.of("lower_back", "buttock"));
    r.put("durationDays", 3);
    r.put("homeCareTried", false);
    r.put("painTrend", "stable");
    r.put("constantPain", false);
    r.put("trauma", "none");
    r.put("bowelOrBladderChange", false);
    r.put("saddleNumbness", false);
    r.put("legNumbnessOrTingling", false);
    r.put("legWeakness", "none");
    r.put("feverOrChills", false);
    r.put("unexplainedWeightLoss", false);
    r.put("historyOfCancer", false);
    r.put("immunosuppressedOrIvDrugUse", false);
    r.put("difficultyWalkingOrStanding", false);
    r.put("nightPain", false);
    r.put("morningStiffnessOver30Min", false);
    r.put("pregnantOrPostpartum", false);
    r.put("recurrentDespiteStabilization", false);
    r.put("feelsStuck", true);
    r.put("feelsUnstable", false);
    r.put("suddenOnset", false);
    r.put("inflammatoryDisease", false);
    return r;
  }
}
