package care.sij.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The services a service calls, and the token endpoint it gets its own token from, played by one
 * WireMock server on a free port. Init argument {@code clients}: the REST client config keys to
 * point at it, comma-separated (e.g. "catalog,triage"). Tests stub the calls they expect.
 */
public class OtherServices implements QuarkusTestResourceLifecycleManager {
  public static final String TOKEN_PATH = "/token";
  private static WireMockServer server;
  private String[] clients;

  /** The running stand-in, for stubbing and counting calls. */
  public static WireMockServer server() {
    return server;
  }

  @Override
  public void init(Map<String, String> initArgs) {
    clients = initArgs.getOrDefault("clients", "").split(",");
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    reset();
    String url = "http://localhost:" + server.port();
    Map<String, String> config = new HashMap<>(Map.of(
        "quarkus.oidc-client.auth-server-url", url,
        "quarkus.oidc-client.token-path", TOKEN_PATH,
        "quarkus.oidc-client.client-id", "service-under-test",
        "quarkus.oidc-client.credentials.secret", "test-secret"));
    for (String client : clients) {
      if (!client.isBlank()) { // none: only the token endpoint
        config.put("quarkus.rest-client." + client.trim() + ".url", url);
      }
    }
    return config;
  }

  /** Forgets every stub and recorded call but the token endpoint. */
  public static void reset() {
    server.resetAll();
    server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"service-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
  }

  /** How many tokens were fetched: calls to the other services carry this service's own token. */
  public static int tokenRequests() {
    return server.countRequestsMatching(postRequestedFor(urlPathEqualTo(TOKEN_PATH)).build()).getCount();
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
