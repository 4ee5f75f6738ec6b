package care.sij.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For a service's Pact consumer tests: the services it calls are played by the Pact mock server
 * instead of the WireMock stubs its other tests share; WireMock still hands out the service's token.
 * Each consumer declares {@code public class PeersByPact extends PactPeersProfile}.
 */
public abstract class PactPeersProfile implements QuarkusTestProfile {
  private final String service;
  private final List<String> clients;
  private final List<String> guardedCalls;

  /**
   * @param service      the consumer's schema and role name, e.g. progress
   * @param clients      the REST clients' config keys of the services it calls, e.g. catalog
   * @param guardedCalls the fault-tolerance timeouts' config prefixes of its calls, e.g. care.sij.x.Bean/method
   */
  protected PactPeersProfile(String service, List<String> clients, List<String> guardedCalls) {
    this.service = service;
    this.clients = clients;
    this.guardedCalls = guardedCalls;
  }

  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }

  /** A contract, not a latency, is under test: a cold client and mock server may take longer than production allows. */
  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> overrides = new LinkedHashMap<>();
    guardedCalls.forEach(call -> overrides.put(call + "/Timeout/value", "10000"));
    clients.forEach(client -> {
      overrides.put("quarkus.rest-client." + client + ".connect-timeout", "5000");
      overrides.put("quarkus.rest-client." + client + ".read-timeout", "10000");
    });
    return overrides;
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of("service", service)),
        new TestResourceEntry(OtherServices.class, Map.of("clients", "")),
        new TestResourceEntry(PactPeers.class, Map.of("clients", String.join(",", clients))));
  }
}
