package care.sij.progress;

import care.sij.testsupport.PactPeersProfile;
import java.util.List;

/** progress-service's Pact consumer tests: catalog-service and triage-service played by the Pact mock server. */
public class PeersByPact extends PactPeersProfile {
  public PeersByPact() {
    super("progress", List.of("catalog", "triage"), List.of("care.sij.progress.catalog.CatalogExercises/exercise",
        "care.sij.progress.triage.TriageAssessments/assess", "care.sij.progress.triage.TriageAssessments/erase"));
  }
}
