package care.sij.integrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import care.sij.launcher.Repository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated clients as an integrator uses them, against the three services of this build started
 * together, with tokens from Keycloak (the services call each other with theirs): the whole journey
 * directly, and again through Prism's validating proxy, where no request or response may break the
 * committed contracts.
 */
class IntegratorJourneyTest {
  /** Prism's proxies listen on the services' ports plus this. */
  private static final int PRISM_PORT_OFFSET = 200;

  @Test
  void integratorJourneyWorksWithNothingButTheGeneratedClients() {
    new Journey(Clients.at(IntegratorSuite.baseUrls(), ClientCredentials.demoApp(), response -> {})).run();
  }

  @Test
  void integratorJourneyThroughPrismsValidatingProxyBreaksNoContract() throws Exception {
    String mode = System.getProperty("integrator.prism", "auto");
    assumeTrue(!mode.equals("never") && (mode.equals("always") || PrismProxies.npxAvailable()),
        "Prism runs when npx is on the PATH (integrator.prism=" + mode + ")");
    Path root = Repository.root();
    Map<String, String> services = IntegratorSuite.baseUrls();
    try (PrismProxies prism = PrismProxies.start(root, services, PRISM_PORT_OFFSET, root.resolve("integrator/target/prism"))) {
      Violations violations = new Violations(root, Violations.byPort(prism.baseUrls()));
      try {
        new Journey(Clients.at(prism.baseUrls(), ClientCredentials.demoApp(), violations)).run();
      } finally {
        violations.write(root.resolve("integrator/target/prism-violations.md"));
      }
      assertTrue(violations.responses() > 0, "the journey went through the proxies");
      assertEquals(List.of(), List.copyOf(violations.kinds().keySet()), violations.all().size() + " of " + violations.responses()
          + " responses broke the contracts, in these ways (integrator/target/prism-violations.md)");
    }
  }
}
