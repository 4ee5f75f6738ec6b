package care.sij.triage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * catalog-service and the token endpoint, played by WireMock on a free port. By default every
 * routine exists; tests replace the stubs to make the catalog fail, hang or forget a routine.
 */
@QuarkusTestResource(CatalogStub.class)
public class CatalogStub implements QuarkusTestResourceLifecycleManager {
  static WireMockServer server;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    reset();
    String url = "http://localhost:" + server.port();
    return Map.of(
        "quarkus.rest-client.catalog.url", url,
        "quarkus.oidc-client.auth-server-url", url,
        "quarkus.oidc-client.token-path", "/token",
        "quarkus.oidc-client.client-id", "triage-service",
        "quarkus.oidc-client.credentials.secret", "test-secret");
  }

  /** Back to a healthy catalog that knows every routine. */
  static void reset() {
    server.resetAll();
    server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    server.stubFor(get(urlPathMatching("/v1/routines/[a-z0-9-]+")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"{{request.pathSegments.[2]}}\",\"name\":\"Routine {{request.pathSegments.[2]}}\","
            + "\"summary\":\"A routine from the catalog.\",\"steps\":[],\"sources\":[]}")
        .withTransformers("response-template")));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
