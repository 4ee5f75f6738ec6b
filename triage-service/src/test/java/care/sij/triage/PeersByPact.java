package care.sij.triage;

import care.sij.testsupport.PactPeersProfile;
import java.util.List;

/** triage-service's Pact consumer tests: catalog-service played by the Pact mock server. */
public class PeersByPact extends PactPeersProfile {
  public PeersByPact() {
    super("triage", List.of("catalog"), List.of("care.sij.triage.catalog.CatalogRoutines/routine"));
  }
}
