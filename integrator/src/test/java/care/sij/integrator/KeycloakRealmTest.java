package care.sij.integrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.launcher.Keycloak;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the realm in docker/keycloak/sij-realm.json lets each client do, seen from the services: a
 * scope brings the audience of its service only, a client gets no scope beyond those the realm gives
 * it, and a service's own token is no tenant's. The journey (IntegratorJourneyTest) runs on the same
 * Keycloak, service-to-service calls included.
 */
class KeycloakRealmTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static Keycloak keycloak;
  private static Map<String, String> services;

  @BeforeAll
  static void suite() {
    services = IntegratorSuite.baseUrls();
    keycloak = IntegratorSuite.keycloak();
    System.out.printf("[keycloak] ready %.1f s after its process started (%s)%n", keycloak.startup().toMillis() / 1000.0,
        keycloak.issuer());
  }

  @Test
  void aTenantsTokenCarriesItsTenantAndTheAudiencesOfItsScopesOnly() throws Exception {
    JsonNode claims = claims(keycloak.token(Keycloak.DEMO_CLIENT, "catalog:read progress:read"));
    assertEquals("demo", claims.path("tenant").asText());
    assertEquals(keycloak.issuer(), claims.path("iss").asText());
    Set<String> audiences = new HashSet<>();
    claims.path("aud").forEach(aud -> audiences.add(aud.asText()));
    assertEquals(Set.of("sij-catalog", "sij-progress"), audiences);
  }

  @Test
  void aTokenWithOneServicesScopesIsRefusedByTheOthers() throws Exception {
    String catalogOnly = keycloak.token(Keycloak.DEMO_CLIENT, "catalog:read");
    assertEquals(200, get(services.get("catalog") + "/v1/sources", catalogOnly).statusCode());
    assertEquals(401, get(services.get("progress") + "/v1/patients", catalogOnly).statusCode(), "progress is not in its audience");
    assertEquals(401, get(services.get("triage") + "/v1/questionnaire", catalogOnly).statusCode(), "triage is not in its audience");

    String progressReader = keycloak.token(Keycloak.DEMO_CLIENT, "progress:read");
    assertEquals(200, get(services.get("progress") + "/v1/patients", progressReader).statusCode());
    assertEquals(401, get(services.get("catalog") + "/v1/sources", progressReader).statusCode(), "catalog is not in its audience");
  }

  @Test
  void theRealmGivesNoClientAScopeBeyondItsOwn() {
    IllegalStateException write = assertThrows(IllegalStateException.class,
        () -> keycloak.token(Keycloak.DEMO_CLIENT, "catalog:write"));
    assertTrue(write.getMessage().contains("invalid_scope"), write.getMessage());
    IllegalStateException delegate = assertThrows(IllegalStateException.class,
        () -> keycloak.token(Keycloak.DEMO_CLIENT, "triage:delegate"));
    assertTrue(delegate.getMessage().contains("invalid_scope"), delegate.getMessage());
    IllegalStateException triageReads = assertThrows(IllegalStateException.class,
        () -> keycloak.token("progress-service", "triage:read"));
    assertTrue(triageReads.getMessage().contains("invalid_scope"), "no service may read a tenant's assessments: "
        + triageReads.getMessage());
    assertThrows(IllegalStateException.class, () -> Keycloak.token(keycloak.tokenUrl(), Keycloak.DEMO_CLIENT, "not-its-secret",
        "catalog:read"));
  }

  @Test
  void onlyTheCuratorsClientGetsPastTheCatalogsWriteCheck() throws Exception {
    String curator = keycloak.token(Keycloak.CURATOR_CLIENT, "catalog:read catalog:write");
    assertEquals("sij-care", claims(curator).path("tenant").asText());
    HttpResponse<String> empty = post(services.get("catalog") + "/v1/exercises", curator, "{}");
    assertEquals(400, empty.statusCode(), "the curator is let in, and the empty exercise refused: " + empty.body());
    assertTrue(empty.body().contains("\"field\""), "the problem names a field: " + empty.body());

    String tenant = keycloak.token(Keycloak.DEMO_CLIENT, Keycloak.TENANT_SCOPES);
    assertEquals(403, post(services.get("catalog") + "/v1/exercises", tenant, "{}").statusCode());
  }

  @Test
  void aServicesOwnTokenIsNoTenantsToken() throws Exception {
    String progressService = keycloak.token("progress-service", "catalog:read triage:assess triage:delegate");
    JsonNode claims = claims(progressService);
    assertEquals("service:progress-service", claims.path("tenant").asText());
    assertEquals(401, get(services.get("progress") + "/v1/patients", progressService).statusCode(),
        "progress is not in a service client's audience");
    assertEquals(200, get(services.get("catalog") + "/v1/sources", progressService).statusCode(),
        "catalog's shared content is readable by the services that call it");
  }

  private static JsonNode claims(String token) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String token, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
