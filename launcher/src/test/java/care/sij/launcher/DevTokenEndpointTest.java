package care.sij.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The dev issuer gives each service client only the scopes it needs to call the others. */
class DevTokenEndpointTest {
  private static final String EVERYTHING = "catalog:read catalog:write triage:assess triage:read triage:erase triage:delegate "
      + "progress:read progress:write";

  private static Set<String> granted(String client) throws Exception {
    try (DevTokenEndpoint endpoint = new DevTokenEndpoint(0)) {
      String form = "grant_type=client_credentials&client_id=" + client + "&client_secret=" + DevTokenEndpoint.SECRET
          + "&scope=" + EVERYTHING.replace(" ", "+");
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.baseUrl()
          + DevTokenEndpoint.PATH)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      String token = new ObjectMapper().readTree(answer.body()).path("access_token").asText();
      JsonNode claims = new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
      assertEquals("service:" + client, claims.path("tenant").asText(), "a service client's token names its own tenant, which owns nothing");
      String scopes = claims.path("scope").asText();
      return scopes.isEmpty() ? Set.of() : new TreeSet<>(Set.of(scopes.split(" ")));
    }
  }

  @Test
  void progressMayDelegateToTriageButReadNoAssessment() throws Exception {
    assertEquals(new TreeSet<>(Set.of("catalog:read", "triage:assess", "triage:erase", "triage:delegate")), granted("progress-service"));
  }

  @Test
  void triageMayOnlyReadTheCatalog() throws Exception {
    assertEquals(Set.of("catalog:read"), granted("triage-service"));
  }

  @Test
  void anUnknownClientGetsNoScope() throws Exception {
    assertEquals(Set.of(), granted("someone-else"));
  }
}
