package care.sij.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.launcher.Repository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keycloak's realm file (docker/keycloak/sij-realm.json, imported by ./run --keycloak, the integrator's
 * tests and compose) against what the services publish and ask for: every scope of the contracts is a
 * client scope bringing the audience of the services that take it, each calling service's client may
 * have exactly the scopes it asks for, and compose's services trust the Keycloak compose starts.
 */
class RealmFileTest {
  private final Path root = Repository.root();
  private final JsonNode realm = read(root.resolve("docker/keycloak/sij-realm.json"), new ObjectMapper());
  private final JsonNode compose = read(root.resolve("docker-compose.yml"), new ObjectMapper(new YAMLFactory()));

  private static JsonNode read(Path file, ObjectMapper mapper) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot parse " + file, e);
    }
  }

  /** The scopes a service's published contract lists, with the audience each must bring. */
  private Set<String> publishedScopes(String service) {
    JsonNode contract = read(root.resolve("contracts/" + service + "-service.yaml"), new ObjectMapper(new YAMLFactory()));
    Set<String> scopes = new TreeSet<>();
    contract.path("components").path("securitySchemes").path("oauth2").path("flows").path("clientCredentials").path("scopes")
        .fieldNames().forEachRemaining(scopes::add);
    assertTrue(!scopes.isEmpty(), service + "'s contract publishes its scopes");
    return scopes;
  }

  private JsonNode clientScope(String name) {
    for (JsonNode scope : realm.path("clientScopes")) {
      if (scope.path("name").asText().equals(name)) {
        return scope;
      }
    }
    throw new AssertionError("the realm has no client scope " + name);
  }

  private JsonNode client(String clientId) {
    for (JsonNode client : realm.path("clients")) {
      if (client.path("clientId").asText().equals(clientId)) {
        return client;
      }
    }
    throw new AssertionError("the realm has no client " + clientId);
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @ParameterizedTest
  @ValueSource(strings = {"catalog", "triage", "progress"})
  void everyPublishedScopeBringsTheAudienceOfTheServiceThatTakesIt(String service) {
    for (String scope : publishedScopes(service)) {
      Set<String> audiences = new TreeSet<>();
      clientScope(scope).path("protocolMappers").forEach(m -> {
        if (m.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
          audiences.add(m.path("config").path("included.custom.audience").asText());
        }
      });
      assertTrue(audiences.contains("sij-" + service), scope + " brings sij-" + service + ": " + audiences);
      assertEquals("true", clientScope(scope).path("attributes").path("include.in.token.scope").asText(),
          scope + " is named in the token's scope claim, where the services read it");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"triage", "progress"})
  void eachCallingServicesClientMayHaveExactlyTheScopesItAsksFor(String service) throws IOException {
    Properties config = new Properties();
    try (Reader in = Files.newBufferedReader(root.resolve(service + "-service/src/main/resources/application.properties"))) {
      config.load(in);
    }
    Set<String> asked = Arrays.stream(config.getProperty("quarkus.oidc-client.scopes").split(",")).map(String::strip)
        .collect(Collectors.toCollection(TreeSet::new));
    JsonNode client = client(service + "-service");
    assertEquals(asked, texts(client.path("optionalClientScopes")));
    assertEquals(Set.of("basic"), texts(client.path("defaultClientScopes")), "no scope comes unasked");
    assertEquals("service:" + service + "-service", tenantClaim(client), "a service's own token is no tenant's");
    assertTrue(client.path("serviceAccountsEnabled").asBoolean() && !client.path("standardFlowEnabled").asBoolean()
        && !client.path("directAccessGrantsEnabled").asBoolean() && !client.path("publicClient").asBoolean(),
        "client credentials only");
  }

  @Test
  void onlyProgressMayActForATenantAndNoTenantsClientMayWriteTheCatalogButTheCurators() {
    for (JsonNode client : realm.path("clients")) {
      Set<String> scopes = texts(client.path("optionalClientScopes"));
      String id = client.path("clientId").asText();
      assertEquals(id.equals("progress-service"), scopes.contains("triage:delegate"), id + ": triage:delegate");
      assertEquals(tenantClaim(client).equals("sij-care"), scopes.contains("catalog:write"), id + ": catalog:write");
      assertTrue(!scopes.contains("triage:read") || !tenantClaim(client).startsWith("service:"),
          id + ": no service reads a tenant's assessments");
    }
  }

  private static String tenantClaim(JsonNode client) {
    for (JsonNode mapper : client.path("protocolMappers")) {
      if (mapper.path("config").path("claim.name").asText().equals("tenant")) {
        return mapper.path("config").path("claim.value").asText();
      }
    }
    throw new AssertionError(client.path("clientId").asText() + " sets no tenant claim");
  }

  @Test
  void composesServicesTrustTheKeycloakComposeStartsWithThisRealm() {
    JsonNode keycloak = compose.path("services").path("keycloak");
    assertTrue(keycloak.path("volumes").toString().contains("./docker/keycloak/sij-realm.json:/opt/keycloak/data/import/"),
        "compose imports this realm file");
    List<String> command = texts(keycloak.path("command")).stream().toList();
    assertTrue(command.contains("--import-realm"), command.toString());
    String hostname = command.stream().filter(c -> c.startsWith("--hostname=")).findFirst().orElseThrow().substring("--hostname=".length());
    String issuer = hostname + "/realms/" + realm.path("realm").asText();
    assertTrue(keycloak.path("healthcheck").path("test").toString().contains("/health/ready"), "Keycloak reports its readiness");
    for (String service : ComposeFileTest.SERVICES) {
      JsonNode env = compose.path("services").path(service).path("environment");
      assertEquals("${SIJ_JWT_ISSUER:-" + issuer + "}", env.path("SIJ_JWT_ISSUER").asText(), service + " trusts the realm's issuer");
      assertEquals("service_healthy", compose.path("services").path(service).path("depends_on").path("keycloak").path("condition")
          .asText(), service + " starts once Keycloak is ready");
      if (env.has("SIJ_OIDC_CLIENT_SECRET")) {
        String secret = env.path("SIJ_OIDC_CLIENT_SECRET").asText();
        String variable = secret.substring(2, secret.indexOf(":-"));
        assertEquals(secret, keycloak.path("environment").path(variable).asText(),
            service + "'s client secret is the one Keycloak's realm is given");
        assertTrue(realm.toString().contains("${" + variable + ":"), "the realm reads " + variable);
      }
    }
  }
}
