package care.sij.triage;

import care.sij.testsupport.SymptomReports;
import java.util.Map;

/** Symptom reports for tests: a complete, benign one to start from, changed field by field. */
final class Reports {
  private Reports() {}

  /** Every question answered; nothing that escalates; a stiff joint (mobility pathway). */
  static Map<String, Object> benign() {
    return SymptomReports.benign();
  }

  /** The benign report with these changes; a null value removes the answer. */
  static Map<String, Object> benignWith(Map<String, ?> changes) {
    Map<String, Object> r = benign();
    changes.forEach((k, v) -> {
      if (v == null) {
        r.remove(k);
      } else {
        r.put(k, v);
      }
    });
    return r;
  }
}
