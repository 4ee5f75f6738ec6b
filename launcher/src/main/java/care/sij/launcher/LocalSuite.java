package care.sij.launcher;

import java.time.Duration;
import java.util.Optional;

/**
 * The run command: a local PostgreSQL (SIJ_PG_URL, else a cluster kept in .local/postgres), the
 * three services built by Maven, a dev token; Ctrl-C stops everything. Logs go to .local/logs/.
 * The services listen on 127.0.0.1 only, unless {@code --listen ADDRESS} names another (0.0.0.0: every
 * interface): they trust the dev key, whose private half is in this repository, so anyone who reaches
 * them can mint a token. The start-up itself is {@link Suite}'s, shared with the benchmark.
 */
public final class LocalSuite {
  private LocalSuite() {}

  private static final String USAGE = "usage: ./run [--aot] [--keycloak] [--listen ADDRESS] [--replicas N]\n"
      + "  --aot              start each service from an ahead-of-time cache (JDK 25 or newer; the first start of a build makes it)\n"
      + "  --keycloak         Keycloak issues the tokens, with the realm of " + Keycloak.REALM_FILE + ", instead of the dev key\n"
      + "  --replicas N       N instances of each service (2 to " + Suite.MAX_REPLICAS + ") behind HAProxy on the usual ports, all on one"
      + " database (needs haproxy: " + LoadBalancer.INSTALL + ")\n"
      + "  --listen ADDRESS   listen on this address instead of " + Suite.LOOPBACK + " (0.0.0.0: every interface; anyone who"
      + " reaches it can mint a dev token)";

  public static void main(String[] args) throws Exception {
    boolean aot = false;
    boolean keycloak = false;
    String host = Suite.LOOPBACK;
    int replicas = 1;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--aot")) {
        aot = true;
      } else if (args[i].equals("--keycloak")) {
        keycloak = true;
      } else if ((args[i].equals("--replicas") && i + 1 < args.length) || args[i].startsWith("--replicas=")) {
        String count = args[i].startsWith("--replicas=") ? args[i].substring("--replicas=".length()) : args[++i];
        replicas = count.matches("[1-9]") ? Integer.parseInt(count) : 0;
        if (replicas < 1 || replicas > Suite.MAX_REPLICAS) {
          System.err.println(USAGE);
          System.exit(2);
        }
      } else if (args[i].equals("--listen") && i + 1 < args.length && !args[i + 1].isBlank()) {
        host = args[++i];
      } else if (args[i].startsWith("--listen=") && args[i].length() > "--listen=".length()) {
        host = args[i].substring("--listen=".length());
      } else {
        System.err.println(USAGE);
        System.exit(2);
      }
    }
    Suite suite;
    try {
      suite = new Suite(Suite.Options.localRun(Repository.root(), aot, host, keycloak, replicas));
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
    Optional<Keycloak> issuer = suite.keycloak();
    String token = issuer.isPresent() ? issuer.get().token(Keycloak.DEMO_CLIENT, Keycloak.TENANT_SCOPES)
        : DevKey.forTenant("demo", DevKey.ALL_SCOPES, Duration.ofHours(12));
    String progressUrl = suite.url("progress");
    int demo = DemoData.load(Repository.root().resolve("seeds/demo/progress.yaml"), progressUrl, token);
    if (demo > 0) {
      System.out.println("Loaded " + demo + " demo patients for tenant \"demo\" (seeds/demo/progress.yaml).");
    }
    StringBuilder banner = new StringBuilder("\nSIJ Care is running on " + host + ". Swagger UI, and probes and metrics:\n");
    for (Suite.Started service : suite.services()) {
      String name = service.service().name() + (suite.replicas() > 1 ? "-" + service.replica() : "");
      banner.append(String.format("  %-11s %s/q/swagger-ui   %s/q/health  %s/q/metrics%n", name, service.baseUrl(),
          service.managementUrl(), service.managementUrl()));
    }
    if (suite.replicas() > 1) {
      banner.append("HAProxy, in front of the replicas (clients and the services themselves call these):\n");
      for (Suite.Service service : Suite.SERVICES) {
        banner.append(String.format("  %-11s %s%n", service.name(), suite.url(service.name())));
      }
    }
    if (issuer.isPresent()) {
      banner.append("\nKeycloak issues the tokens (").append(issuer.get().issuer()).append(", on this machine only). A token of tenant")
          .append(" \"demo\", for five minutes:\n  TOKEN=$(curl -s -u ").append(Keycloak.DEMO_CLIENT).append(':')
          .append(Keycloak.localSecret(Keycloak.DEMO_CLIENT)).append(" -d grant_type=client_credentials -d 'scope=")
          .append(Keycloak.TENANT_SCOPES).append("' ").append(issuer.get().tokenUrl()).append(" | jq -r .access_token)\n");
    } else {
      banner.append("\nDev token (tenant \"demo\", every scope, 12 hours):\n").append(token).append("\n");
    }
    banner.append("\nTry: curl -H \"Authorization: Bearer $TOKEN\" ").append(suite.url("catalog")).append("/v1/sources\n")
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
