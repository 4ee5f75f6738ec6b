package care.sij.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.launcher.Repository;
import care.sij.launcher.ServiceSchemas;
import care.sij.launcher.Suite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** No Docker engine runs here, so docker-compose.yml is checked against the services' own configuration. */
class ComposeFileTest {
  static final java.util.List<String> SERVICES = ServiceSchemas.SERVICES;
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

  private final Path root = Repository.root();
  private final JsonNode compose = read(root.resolve("docker-compose.yml"));

  private static JsonNode read(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot parse " + file, e);
    }
  }

  /** The production view of a service's configuration: shared settings overlaid with its own, without profiles. */
  private Properties configuration(String service) throws IOException {
    Properties merged = new Properties();
    for (Path file : new Path[] {
        root.resolve("common/src/main/resources/META-INF/microprofile-config.properties"),
        root.resolve(service + "-service/src/main/resources/application.properties")}) {
      try (Reader in = Files.newBufferedReader(file)) {
        merged.load(in);
      }
    }
    merged.stringPropertyNames().stream().filter(k -> k.startsWith("%")).forEach(merged::remove);
    return merged;
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void portsAndHealthCheckMatchTheServicesHttpAndManagementPorts(String service) throws IOException {
    JsonNode entry = compose.path("services").path(service);
    String port = configuration(service).getProperty("quarkus.http.port");
    String management = configuration(service).getProperty("quarkus.management.port");
    assertEquals(port + ":" + port, entry.path("ports").path(0).asText(), service + " publishes its quarkus.http.port");
    assertEquals("127.0.0.1:" + management + ":" + management, entry.path("ports").path(1).asText(),
        service + " publishes its management port on the host's loopback only");
    String check = entry.path("healthcheck").path("test").toString();
    assertTrue(check.contains("http://localhost:" + management + "/q/health/ready"), service + " health check: " + check);
    assertEquals(service + "-service", entry.path("build").path("args").path("SERVICE").asText());
    assertEquals("service_healthy", entry.path("depends_on").path("postgres").path("condition").asText());
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void theLauncherAndTheImageKnowTheServicesPorts(String service) throws IOException {
    Properties config = configuration(service);
    Suite.Service launched = Suite.SERVICES.stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow();
    assertEquals(config.getProperty("quarkus.http.port"), Integer.toString(launched.port()));
    assertEquals(config.getProperty("quarkus.management.port"), Integer.toString(launched.managementPort()));
    assertEquals("${SIJ_JWT_AUDIENCE:" + Suite.audience(service) + "}", config.getProperty("mp.jwt.verify.audiences"));
    assertTrue(DevTokens.ALL_AUDIENCES.contains(Suite.audience(service)), "a tenant's dev token is for " + service + " too");
    String expose = Files.readAllLines(root.resolve("docker/Dockerfile.jvm")).stream().filter(l -> l.startsWith("EXPOSE ")).findFirst()
        .orElseThrow();
    assertTrue(java.util.List.of(expose.split(" ")).containsAll(java.util.List.of(launched.port() + "", launched.managementPort() + "")),
        expose);
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void nothingOutsideTestsTrustsTheDevIssuer(String service) throws IOException {
    Properties config = configuration(service);
    for (String key : config.stringPropertyNames()) {
      String value = config.getProperty(key);
      assertTrue(!value.contains(DevTokens.ISSUER) && !value.contains("dev-keys"), key + "=" + value + " names the dev issuer or key");
    }
    String environment = compose.path("services").path(service).path("environment").toString();
    assertTrue(!environment.contains(DevTokens.ISSUER) && !environment.contains("dev-keys"), environment);
    String image = Files.readString(root.resolve("docker/Dockerfile.jvm"));
    assertTrue(!image.contains(DevTokens.ISSUER) && !image.contains("dev-keys"), "the image names the dev issuer or key");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void environmentSetsExactlyTheVariablesTheConfigurationReads(String service) throws IOException {
    Set<String> read = new TreeSet<>();
    for (Object value : configuration(service).values()) {
      Matcher m = VARIABLE.matcher(value.toString());
      while (m.find()) {
        read.add(m.group(1));
      }
    }
    Set<String> set = new TreeSet<>();
    compose.path("services").path(service).path("environment").fieldNames().forEachRemaining(set::add);
    assertEquals(read, set, service + ": compose environment and the variables its configuration reads");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void databaseSettingsMatchTheRoleTheInitScriptCreates(String service) {
    JsonNode env = compose.path("services").path(service).path("environment");
    JsonNode postgres = compose.path("services").path("postgres").path("environment");
    assertEquals("jdbc:postgresql://postgres:5432/" + postgres.path("POSTGRES_DB").asText(), env.path("SIJ_DB_URL").asText());
    assertEquals(service, env.path("SIJ_DB_USER").asText());
    String passwordVariable = service.toUpperCase() + "_DB_PASSWORD";
    assertTrue(postgres.has(passwordVariable), "postgres hands " + passwordVariable + " to its init script");
    assertEquals(postgres.path(passwordVariable).asText(), env.path("SIJ_DB_PASSWORD").asText());
  }

  @Test
  void postgresRunsTheSchemaScriptAndReportsHealth() throws IOException {
    JsonNode postgres = compose.path("services").path("postgres");
    String volumes = postgres.path("volumes").toString();
    assertTrue(volumes.contains("./docker/postgres/init-schemas.sh:/docker-entrypoint-initdb.d/"), volumes);
    assertTrue(volumes.contains("./docker/postgres/service-schema.sql:/sql/service-schema.sql"), volumes);
    assertTrue(postgres.path("healthcheck").path("test").toString().contains("pg_isready"));
    String init = Files.readString(root.resolve("docker/postgres/init-schemas.sh"));
    assertTrue(init.contains("for svc in " + String.join(" ", SERVICES) + ";"), "init script covers every service");
  }

  @Test
  void theDockerfileEveryServiceIsBuiltFromExists() {
    for (String service : SERVICES) {
      JsonNode build = compose.path("services").path(service).path("build");
      assertTrue(Files.exists(root.resolve(build.path("context").asText()).resolve(build.path("dockerfile").asText())));
    }
  }
}
