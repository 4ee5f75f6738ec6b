package care.sij.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak as the suite's identity provider: the distribution Maven fetched by its coordinates
 * (launcher/target/keycloak, root pom's keycloak.version), unpacked once into the work directory,
 * started in development mode on this machine's loopback with the realm of docker/keycloak/sij-realm.json
 * imported, its data in memory. The services then take its tokens, and get their own from it.
 */
public final class Keycloak implements AutoCloseable {
  /** The realm file, the same one compose imports. */
  public static final String REALM_FILE = "docker/keycloak/sij-realm.json";
  public static final String REALM = "sij";
  public static final int PORT = 8180;
  public static final int MANAGEMENT_PORT = 8189;
  /** A loaded machine has taken two minutes for a first start (its build step included). */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
  /** The integrator's application of the realm, for the tenant "demo". */
  public static final String DEMO_CLIENT = "demo-app";
  /** The curators' client, of the tenant that may change the catalog. */
  public static final String CURATOR_CLIENT = "sij-care-curator";
  /** Every scope a tenant's application may ask for (all but the service-only triage:delegate and the curators' catalog:write). */
  public static final String TENANT_SCOPES = "catalog:read triage:assess triage:read triage:erase progress:read progress:write "
      + "progress:erase alerts:manage audit:read";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Duration startup;
  private final Path log;

  private Keycloak(Process process, int port, Duration startup, Path log) {
    this.process = process;
    this.port = port;
    this.startup = startup;
    this.log = log;
  }

  /**
   * Each client's secret on this machine, which the realm file reads from its environment variable (the
   * file's own defaults are for a trial of compose): a client's name and "-local".
   */
  public static String localSecret(String clientId) {
    return clientId + "-local";
  }

  /** The environment variable of the realm file that sets a client's secret. */
  static String secretVariable(String clientId) {
    return switch (clientId) {
      case "triage-service" -> "TRIAGE_CLIENT_SECRET";
      case "progress-service" -> "PROGRESS_CLIENT_SECRET";
      case DEMO_CLIENT -> "DEMO_APP_SECRET";
      case CURATOR_CLIENT -> "CURATOR_CLIENT_SECRET";
      default -> throw new IllegalArgumentException("the realm has no client " + clientId);
    };
  }

  /**
   * Starts Keycloak from the distribution under root, with its home in workDir, on the loopback at these
   * ports, and waits until its realm answers; its log goes to logDir/keycloak.log.
   */
  public static Keycloak start(Path root, Path workDir, Path logDir, int port, int managementPort) throws IOException, InterruptedException {
    Path home = unpacked(distribution(root), workDir);
    Path imports = Files.createDirectories(home.resolve("data/import"));
    // the realm is imported at each start into a database held in memory: a start never meets an older realm
    Files.copy(root.resolve(REALM_FILE), imports.resolve("sij-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    Path log = logDir.resolve("keycloak.log");
    List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
        "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + baseUrl(port),
        "--health-enabled=true", "--http-management-port=" + managementPort));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // its default heap is a share of the machine's memory, which here the services and PostgreSQL need
    builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    for (String client : List.of("triage-service", "progress-service", DEMO_CLIENT, CURATOR_CLIENT)) {
      builder.environment().put(secretVariable(client), localSecret(client));
    }
    long startedAt = System.nanoTime();
    Process process = builder.start();
    try {
      awaitReady(process, managementPort, log);
    } catch (IOException | InterruptedException | RuntimeException e) {
      stop(process);
      throw e;
    }
    return new Keycloak(process, port, Duration.ofNanos(System.nanoTime() - startedAt), log);
  }

  /** The distribution's zip that the launcher's build copied (maven-dependency-plugin, launcher/pom.xml). */
  static Path distribution(Path root) throws IOException {
    Path dir = root.resolve("launcher/target/keycloak");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        var zip = files.filter(f -> f.getFileName().toString().matches("keycloak-quarkus-dist-.*\\.zip")).findFirst();
        if (zip.isPresent()) {
          return zip.get();
        }
      }
    }
    throw new IllegalStateException("Keycloak's distribution is not in " + dir + ": build first (./mvnw package -DskipTests)");
  }

  /** The distribution unpacked under workDir (once per version; a half-unpacked tree is never used). */
  static Path unpacked(Path zip, Path workDir) throws IOException {
    String version = zip.getFileName().toString().replace("keycloak-quarkus-dist-", "").replace(".zip", "");
    Path home = workDir.resolve("keycloak-" + version);
    if (Files.exists(home.resolve("bin/kc.sh"))) {
      return home;
    }
    Files.createDirectories(workDir);
    Path partial = Files.createTempDirectory(workDir, "keycloak-unpacking-");
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        // entries sit under keycloak-<version>/: that top directory is dropped
        String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
        Path target = partial.resolve(name).normalize();
        if (!target.startsWith(partial)) {
          throw new IOException("an entry outside the archive's directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = archive.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
    return home;
  }

  private static void awaitReady(Process process, int managementPort, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
      }
      Thread.sleep(200);
    }
  }

  private static String baseUrl(int port) {
    return "http://127.0.0.1:" + port;
  }

  /** The token issuer, as the iss claim names it. */
  public String issuer() {
    return baseUrl(port) + "/realms/" + REALM;
  }

  /** The realm's OpenID Connect endpoints, below which /token and /certs are. */
  public String openIdConnectUrl() {
    return issuer() + "/protocol/openid-connect";
  }

  public String tokenUrl() {
    return openIdConnectUrl() + "/token";
  }

  public String keysUrl() {
    return openIdConnectUrl() + "/certs";
  }

  /** From process start to the first ready answer. */
  public Duration startup() {
    return startup;
  }

  public Path log() {
    return log;
  }

  /** A client-credentials token of one of the realm's clients (its local secret), with these space-separated scopes. */
  public String token(String clientId, String scopes) throws IOException, InterruptedException {
    return token(tokenUrl(), clientId, localSecret(clientId), scopes);
  }

  /** A client-credentials grant at the token endpoint; fails with the provider's error if it refuses. */
  public static String token(String tokenUrl, String clientId, String secret, String scopes) throws IOException, InterruptedException {
    String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scopes, StandardCharsets.UTF_8);
    String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the token endpoint refused " + clientId + " (" + response.statusCode() + "): " + response.body());
    }
    JsonNode body = JSON.readTree(response.body());
    return body.path("access_token").asText();
  }

  /** Stops Keycloak and whatever it started (SIGTERM, then SIGKILL after 20 s). */
  @Override
  public void close() {
    stop(process);
  }

  private static void stop(Process process) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : all) {
      try {
        handle.onExit().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
  }

  /** The variables a service needs to verify this issuer's tokens and to get its own. */
  Map<String, String> serviceEnvironment(String clientId, boolean callsOthers) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("SIJ_JWT_ISSUER", issuer(), "SIJ_JWT_KEYS", keysUrl(),
        "SIJ_OAUTH2_TOKEN_URL", tokenUrl()));
    if (callsOthers) {
      env.putAll(Map.of("SIJ_OIDC_URL", openIdConnectUrl(), "SIJ_OIDC_TOKEN_PATH", "/token", "SIJ_OIDC_CLIENT_ID", clientId,
          "SIJ_OIDC_CLIENT_SECRET", localSecret(clientId)));
    }
    return env;
  }
}
