package care.sij.triage;

import care.sij.testsupport.OtherServices;
import care.sij.testsupport.PactPeers;
import care.sij.testsupport.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * For the Pact consumer tests: catalog-service is played by the Pact mock server instead of the
 * WireMock stub the other tests share; WireMock still hands out this service's token.
 */
public class PeersByPact implements QuarkusTestProfile {
  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }

  /** A contract, not a latency, is under test: a cold client and mock server may take longer than production allows. */
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("care.sij.triage.catalog.CatalogRoutines/routine/Timeout/value", "10000",
        "quarkus.rest-client.catalog.connect-timeout", "5000",
        "quarkus.rest-client.catalog.read-timeout", "10000");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of("service", "triage")),
        new TestResourceEntry(OtherServices.class, Map.of("clients", "")),
        new TestResourceEntry(PactPeers.class, Map.of("clients", "catalog")));
  }
}
