package care.sij.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The run command: a local PostgreSQL (SIJ_PG_URL, else a cluster kept in .local/postgres), the
 * three services built by Maven, a dev token; Ctrl-C stops everything. Logs go to .local/logs/.
 */
public final class LocalSuite {
  record Service(String name, int port, List<String> calls) {
    Path jar(Path root) {
      return root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
    }
  }

  static final List<Service> SERVICES = List.of(new Service("catalog", 8081, List.of()),
      new Service("triage", 8082, List.of("catalog")), new Service("progress", 8083, List.of("catalog", "triage")));
  static final int TOKEN_PORT = 8090;

  private final Path root;
  private final List<Process> running = new ArrayList<>();
  private Postgres postgres;
  private DevTokenEndpoint tokens;

  private LocalSuite(Path root) {
    this.root = root;
  }

  public static void main(String[] args) throws Exception {
    LocalSuite suite = new LocalSuite(Repository.root());
    Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "local-suite-stop"));
    try {
      suite.start();
    } catch (RuntimeException e) {
      System.err.println("\nCould not start the suite: " + e.getMessage());
      System.exit(1);
    }
    suite.waitForAnExit();
  }

  private void start() throws IOException, InterruptedException {
    for (Service service : SERVICES) {
      if (!Files.exists(service.jar(root))) {
        throw new IllegalStateException(service.jar(root) + " is missing: build first (./mvnw package -DskipTests)");
      }
    }
    Path local = root.resolve(".local");
    Path logs = Files.createDirectories(local.resolve("logs"));
    postgres = Postgres.forLocalRun(local.resolve("postgres"));
    System.out.println("Database: " + postgres.describe());
    ServiceSchemas.ensureAll(postgres.admin());
    Path jwks = local.resolve("dev-jwks.json");
    try (InputStream in = LocalSuite.class.getResourceAsStream("/" + DevTokens.JWKS_RESOURCE)) {
      Files.copy(in, jwks, StandardCopyOption.REPLACE_EXISTING);
    }
    tokens = new DevTokenEndpoint(TOKEN_PORT);
    for (Service service : SERVICES) {
      ProcessBuilder builder = new ProcessBuilder("java", "-jar", service.jar(root).toString())
          .redirectErrorStream(true)
          .redirectOutput(logs.resolve(service.name() + ".log").toFile());
      builder.environment().putAll(Map.of(
          "SIJ_DB_URL", postgres.admin().jdbcUrl(),
          "SIJ_DB_USER", service.name(),
          "SIJ_DB_PASSWORD", ServiceSchemas.localPassword(service.name()),
          "SIJ_JWT_ISSUER", DevTokens.ISSUER,
          "SIJ_JWT_KEYS", jwks.toUri().toString()));
      if (!service.calls().isEmpty()) { // its own client-credentials token for the services it calls
        builder.environment().putAll(Map.of(
            "SIJ_OIDC_URL", tokens.baseUrl(),
            "SIJ_OIDC_TOKEN_PATH", DevTokenEndpoint.PATH,
            "SIJ_OIDC_CLIENT_ID", service.name() + "-service",
            "SIJ_OIDC_CLIENT_SECRET", DevTokenEndpoint.SECRET));
        for (String called : service.calls()) {
          int port = SERVICES.stream().filter(s -> s.name().equals(called)).findFirst().orElseThrow().port();
          builder.environment().put("SIJ_" + called.toUpperCase() + "_URL", "http://localhost:" + port);
        }
      }
      running.add(builder.start());
      System.out.println("Starting " + service.name() + "-service on port " + service.port() + " (log: .local/logs/" + service.name() + ".log)");
    }
    for (int i = 0; i < SERVICES.size(); i++) {
      awaitReady(SERVICES.get(i), running.get(i), logs);
    }
    String token = DevTokens.forTenant("demo", DevTokens.ALL_SCOPES, Duration.ofHours(12));
    StringBuilder banner = new StringBuilder("\nSIJ Care is running. Swagger UI:\n");
    for (Service service : SERVICES) {
      banner.append(String.format("  %-9s http://localhost:%d/q/swagger-ui%n", service.name(), service.port()));
    }
    banner.append("\nDev token (tenant \"demo\", every scope, 12 hours):\n").append(token).append("\n\n")
        .append("Try: curl -H \"Authorization: Bearer $TOKEN\" http://localhost:8081/v1/sources\n")
        .append("Ctrl-C stops the services and the database.\n");
    System.out.println(banner);
  }

  private static void awaitReady(Service service, Process process, Path logs) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/q/health/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(service.name() + "-service exited with " + process.exitValue()
            + "; see .local/logs/" + service.name() + ".log (is port " + service.port() + " in use?)");
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(service.name() + "-service was not ready within 120 s; see " + logs.resolve(service.name() + ".log"));
  }

  private void waitForAnExit() throws InterruptedException {
    while (true) {
      for (int i = 0; i < running.size(); i++) {
        if (!running.get(i).isAlive()) {
          System.err.println(SERVICES.get(i).name() + "-service stopped (exit " + running.get(i).exitValue() + "); stopping the rest");
          System.exit(1);
        }
      }
      Thread.sleep(1000);
    }
  }

  private synchronized void stop() {
    for (Process process : running) {
      process.destroy();
    }
    for (Process process : running) {
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
      }
    }
    running.clear();
    if (tokens != null) {
      tokens.close();
      tokens = null;
    }
    if (postgres != null) {
      postgres.close();
      postgres = null;
      System.out.println("Stopped the services and the database (data kept in .local/postgres).");
    }
  }
}
