package care.sij.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For ./run only: an OAuth2 client-credentials token endpoint that signs with the dev key, so that
 * the services can call each other as they would with Keycloak or any other issuer.
 */
final class DevTokenEndpoint implements AutoCloseable {
  static final String PATH = "/token";
  static final String SECRET = "dev-secret";
  /**
   * What each service client may ask for when it calls another, and no more: progress asks triage for
   * assessments and erasures on behalf of the patient's tenant (triage:delegate, which only it holds);
   * no client may read a tenant's assessments (triage:read). A client not named here gets no scope.
   */
  static final Map<String, Set<String>> CLIENT_SCOPES = Map.of(
      "progress-service", Set.of("catalog:read", "triage:assess", "triage:erase", "triage:delegate"),
      "triage-service", Set.of("catalog:read"));

  private final HttpServer server;

  DevTokenEndpoint(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.createContext(PATH, this::token);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void token(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String[] basic = basic(exchange.getRequestHeaders().getFirst("Authorization"));
      String client = basic != null ? basic[0] : form.get("client_id");
      String secret = basic != null ? basic[1] : form.get("client_secret");
      if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))
          || client == null || !SECRET.equals(secret)) {
        respond(exchange, 400, "{\"error\":\"invalid_client\"}");
        return;
      }
      String token = DevKey.issuedToService(client, Arrays.asList(form.getOrDefault("scope", "").split(" ")));
      respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }
  }

  /** The audiences of the services a service client calls (catalog-service: none), as an issuer would be configured. */
  static List<String> audiences(String client) {
    return Suite.SERVICES.stream().filter(s -> client.equals(s.clientId())).findFirst()
        .map(s -> s.calls().stream().map(called -> Suite.audience(called)).toList()).orElse(List.of());
  }

  private static String[] basic(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    String[] parts = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8).split(":", 2);
    return parts.length == 2 ? parts : null;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
