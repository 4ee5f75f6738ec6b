package care.sij.testsupport;

import java.time.Duration;
import java.util.Optional;

/**
 * The run command: a local PostgreSQL (SIJ_PG_URL, else a cluster kept in .local/postgres), the
 * three services built by Maven, a dev token; Ctrl-C stops everything. Logs go to .local/logs/.
 * The start-up itself is {@link Suite}'s, shared with the benchmark.
 */
public final class LocalSuite {
  private LocalSuite() {}

  public static void main(String[] args) throws Exception {
    boolean aot = false;
    for (String arg : args) {
      if (arg.equals("--aot")) {
        aot = true;
      } else {
        System.err.println("usage: ./run [--aot]\n  --aot  start each service from an ahead-of-time cache (JDK 25 or newer;"
            + " the first start of a build makes it)");
        System.exit(2);
      }
    }
    Suite suite;
    try {
      suite = new Suite(Suite.Options.localRun(Repository.root(), aot));
    } catch (IllegalStateException e) {
      System.err.println("Could not start the suite: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      suite.close();
      if (suite.hadDatabase()) {
        System.out.println("Stopped the services and the database (data kept in .local/postgres).");
      }
    }, "local-suite-stop"));
    try {
      suite.start();
    } catch (RuntimeException e) {
      System.err.println("\nCould not start the suite: " + e.getMessage());
      System.exit(1);
    }
    String token = DevTokens.forTenant("demo", DevTokens.ALL_SCOPES, Duration.ofHours(12));
    String progressUrl = suite.services().stream().filter(s -> s.service().name().equals("progress")).findFirst().orElseThrow().baseUrl();
    int demo = DemoData.load(Repository.root().resolve("seeds/demo/progress.yaml"), progressUrl, token);
    if (demo > 0) {
      System.out.println("Loaded " + demo + " demo patients for tenant \"demo\" (seeds/demo/progress.yaml).");
    }
    StringBuilder banner = new StringBuilder("\nSIJ Care is running. Swagger UI:\n");
    for (Suite.Started service : suite.services()) {
      banner.append(String.format("  %-9s %s/q/swagger-ui%n", service.service().name(), service.baseUrl()));
    }
    banner.append("\nDev token (tenant \"demo\", every scope, 12 hours):\n").append(token).append("\n\n")
        .append("Try: curl -H \"Authorization: Bearer $TOKEN\" http://localhost:8081/v1/sources\n")
        .append("Ctrl-C stops the services and the database.\n");
    System.out.println(banner);
    waitForAnExit(suite);
  }

  private static void waitForAnExit(Suite suite) throws InterruptedException {
    while (true) {
      Optional<Suite.Started> exited = suite.firstExited();
      if (exited.isPresent()) {
        System.err.println(exited.get().service().name() + "-service stopped (exit " + exited.get().process().exitValue()
            + "); stopping the rest");
        System.exit(1);
      }
      Thread.sleep(1000);
    }
  }
}
