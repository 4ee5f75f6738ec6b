package care.sij.adversarial.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.adversarial.RunningSuite;
import care.sij.adversarial.fuzz.Contracts.Operation;
import care.sij.launcher.Repository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every operation of the three committed contracts, tried with requests generated from their schemas
 * against the services as built: valid ones must be accepted, mutated ones refused cleanly (a proper
 * problem, the faulty field named) with nothing stored. Reproducible: -Dadversarial.fuzz.seed.
 */
class ContractFuzzTest {
  static final long SEED = Long.getLong("adversarial.fuzz.seed", 20261203L);
  static final int VALID_TRIES = Integer.getInteger("adversarial.fuzz.valid-tries", 15);
  static final int MUTATED_TRIES = Integer.getInteger("adversarial.fuzz.mutated-tries", 60);
  private static final Path SUMMARY = Repository.root().resolve("adversarial/target/fuzz-summary.md");

  private static final FuzzSummary summary = new FuzzSummary(SEED, VALID_TRIES, MUTATED_TRIES);
  private static List<Operation> operations;
  private static Campaign campaign;

  @BeforeContainer
  static void startSuiteAndReadContracts() {
    operations = Contracts.load(Repository.root());
    Wire wire = new Wire(Map.of("catalog", port("catalog"), "triage", port("triage"), "progress", port("progress")));
    campaign = new Campaign(wire, Fixtures.readCatalog(wire), summary, SEED);
  }

  private static int port(String service) {
    String url = RunningSuite.url(service);
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  @Example
  void everyOperationAcceptsValidRequests() {
    operations.forEach(op -> campaign.run(op, true, VALID_TRIES));
    List<String> failures = summary.failuresOf(true);
    assertTrue(failures.isEmpty(), "valid requests that failed:\n" + String.join("\n", failures));
  }

  @Example
  void everyOperationRefusesMutatedInputCleanlyAndStoresNothing() {
    operations.forEach(op -> campaign.run(op, false, MUTATED_TRIES));
    List<String> failures = summary.failuresOf(false);
    assertTrue(failures.isEmpty(), failures.size() + " kinds of failure on mutated requests:\n" + String.join("\n", failures));
  }

  @AfterContainer
  static void writeSummary() throws Exception {
    summary.write(SUMMARY);
    System.out.println(summary.markdown());
  }
}
