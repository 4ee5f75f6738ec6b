package care.sij.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service promises alike: open probes and contract, bearer tokens on everything else,
 * problem+json errors, its published contract, and a database role that sees only its own schema.
 * Each service runs it with {@code @QuarkusTest class XConventionsTest extends ServiceConventionsTest}.
 */
public abstract class ServiceConventionsTest {

  /** catalog, triage or progress. */
  protected abstract String service();

  /** A GET under /v1 that needs the service's read scope and succeeds with it. */
  protected abstract String protectedPath();

  protected abstract String readScope();

  private ValidatableResponse getWithToken(String token) {
    return given().auth().oauth2(token).when().get(protectedPath()).then();
  }

  private static ValidatableResponse isProblem(ValidatableResponse response, int status) {
    return response.statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("type", containsString("https://sij.care/problems/"))
        .body(not(containsString("Exception")))
        .body(not(containsString("\tat ")));
  }

  @Test
  void healthProbesAnswerWithoutTokenAndReadinessChecksTheDatabase() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
        .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
  }

  @Test
  void prometheusMetricsAnswerWithoutToken() {
    given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void openApiAndSwaggerUiAnswerWithoutToken() {
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/"));
    given().when().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void servedContractMatchesTheCommittedOne() throws IOException {
    String served = given().accept("application/yaml").when().get("/q/openapi").then().statusCode(200).extract().asString();
    Path committed = Repository.root().resolve("contracts").resolve(service() + "-service.yaml");
    if (Boolean.getBoolean("contracts.update")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, served);
      return;
    }
    assertTrue(Files.exists(committed), committed + " is missing: run ./mvnw verify -Dcontracts.update=true and commit it");
    assertEquals(Files.readString(committed), served, "the API changed: review the difference, then run "
        + "./mvnw verify -Dcontracts.update=true and commit contracts/");
  }

  @Test
  void validTokenWithTheScopeIsAccepted() {
    getWithToken(DevTokens.forTenant("tenant-a", readScope())).statusCode(200);
  }

  @Test
  void answerCountedByTheRateLimiterSaysWhatIsLeft() {
    getWithToken(DevTokens.forTenant("tenant-a", readScope())).statusCode(200)
        .header("RateLimit-Policy", org.hamcrest.Matchers.matchesPattern("\"reads\";q=\\d+;w=\\d+"))
        .header("RateLimit", org.hamcrest.Matchers.matchesPattern("\"reads\";r=\\d+;t=\\d+"));
  }

  @Test
  void requestWithoutTokenGets401Problem() {
    ValidatableResponse response = given().when().get(protectedPath()).then();
    isProblem(response, 401);
    response.header("WWW-Authenticate", containsString("Bearer"));
  }

  @Test
  void expiredTokenGets401() {
    isProblem(getWithToken(DevTokens.expired("tenant-a", readScope())), 401);
  }

  @Test
  void acceptedTokenIsRefusedOnceItHasExpired() throws InterruptedException {
    String token = DevTokens.forTenant("tenant-a", readScope(), java.time.Duration.ofSeconds(2));
    getWithToken(token).statusCode(200); // verified and remembered
    Thread.sleep(3_100); // past its expiry (whole seconds)
    isProblem(getWithToken(token), 401);
  }

  @Test
  void tokenFromAnotherIssuerGets401() {
    isProblem(getWithToken(DevTokens.wrongIssuer("tenant-a", readScope())), 401);
  }

  @Test
  void tokenWithWrongSignatureGets401() {
    isProblem(getWithToken(DevTokens.wrongSignature("tenant-a", readScope())), 401);
  }

  @Test
  void unsignedAlgNoneTokenGets401() {
    isProblem(getWithToken(DevTokens.unsigned("tenant-a", readScope())), 401);
  }

  @Test
  void garbageTokenGets401() {
    isProblem(getWithToken("not.a.token"), 401);
  }

  @Test
  void tokenWithoutTenantGets401() {
    isProblem(getWithToken(DevTokens.withoutTenant(readScope())), 401);
  }

  @Test
  void tokenWithoutTheScopeGets403Problem() {
    String otherScopes = DevTokens.ALL_SCOPES.replace(readScope(), "").trim();
    isProblem(getWithToken(DevTokens.forTenant("tenant-a", otherScopes)), 403);
  }

  @Test
  void unknownPathGets404Problem() {
    isProblem(given().auth().oauth2(DevTokens.forTenant("tenant-a", DevTokens.ALL_SCOPES))
        .when().get("/v1/no-such-thing").then(), 404);
  }

  @Test
  void bodySentInChunksPastTheLimitGets413Problem() throws IOException, InterruptedException {
    byte[] body = ("{\"note\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> response = post(HttpClient.Version.HTTP_1_1, "/v1/anything", DevTokens.forTenant("tenant-a", DevTokens.ALL_SCOPES),
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))); // no length: chunked
    assertEquals(413, response.statusCode(), response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    assertTrue(response.body().contains("\"status\":413"), response.body());
  }

  /**
   * Java's own HTTP client, among others, asks on its first request over plain HTTP to go on in
   * HTTP/2 (h2c), and the request it sends that way arrives over HTTP/2 already read.
   */
  public static HttpResponse<String> overHttp2(String path, String token, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpResponse<String> response = post(HttpClient.Version.HTTP_2, path, token, body);
    assertEquals(HttpClient.Version.HTTP_2, response.version(), "the request went over HTTP/2");
    return response;
  }

  /** A JSON body POSTed to the service under test with Java's own client (REST Assured speaks only HTTP/1.1); a null token sends none. */
  private static HttpResponse<String> post(HttpClient.Version version, String path, String token, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + io.restassured.RestAssured.port + path))
        .header("Content-Type", "application/json").POST(body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newBuilder().version(version).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bodyFromSenderWithoutValidTokenIsRefusedBeforeItIsRead() throws IOException {
    for (String authorization : new String[] {null, "Bearer not-a-token", "Basic dXNlcjpwYXNz"}) {
      String head = "POST /v1/anything HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n"
          + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n{";
      String answer = rawExchange(head); // one byte of a declared MiB: only an answer that needs no body comes back
      assertTrue(answer.startsWith("HTTP/1.1 401"), authorization + ": " + answer);
      assertTrue(answer.contains("application/problem+json") && answer.contains("\"status\":401"), answer);
    }
  }

  @Test
  void bodyWithoutContentTypeGets415Problem() throws IOException {
    String answer = rawExchange("POST /v1/anything HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + DevTokens.forTenant("tenant-a", DevTokens.ALL_SCOPES) + "\r\nContent-Length: 2\r\n\r\n{}");
    assertTrue(answer.startsWith("HTTP/1.1 415") && answer.contains("application/problem+json"), answer);
  }

  @Test
  void malformedPercentEncodingGets400Problem() throws IOException {
    String answer = rawExchange("GET /v1/x%zz?q=%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("application/problem+json"), answer);
  }

  @Test
  void requestTargetOverTheLimitGets414Problem() {
    isProblem(given().auth().oauth2(DevTokens.forTenant("tenant-a", DevTokens.ALL_SCOPES))
        .when().get(protectedPath() + (protectedPath().contains("?") ? "&" : "?") + "x=" + "a".repeat(5000)).then(), 414);
  }

  @Test
  void headersOverTheLimitGet431Problem() {
    isProblem(given().auth().oauth2(DevTokens.forTenant("tenant-a", DevTokens.ALL_SCOPES)).header("X-Padding", "a".repeat(9000))
        .when().get(protectedPath()).then(), 431);
  }

  @Test
  void controlCharacterInQueryOrPathGets400NamingIt() {
    String token = DevTokens.forTenant("tenant-a", DevTokens.ALL_SCOPES);
    isProblem(given().auth().oauth2(token).urlEncodingEnabled(false).when().get("/v1/anything?note=a%00b").then(), 400)
        .body("errors[0].field", equalTo("note")).body("errors[0].message", equalTo("must not contain control characters"));
    isProblem(given().auth().oauth2(token).urlEncodingEnabled(false).when().get("/v1/a%07b").then(), 400)
        .body("errors[0].field", equalTo("path"));
  }

  /** Sends the bytes on a connection of its own and reads what comes back until the server closes it or 5 s pass. */
  private static String rawExchange(String request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
          answer.write(buffer, 0, n);
        }
      } catch (java.net.SocketTimeoutException stillOpen) {
        // what came so far is the answer
      }
      return answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void bodySentOverHttp2IsReadLikeOverHttp11() throws IOException, InterruptedException {
    HttpResponse<String> response = overHttp2("/v1/no-such-thing", DevTokens.forTenant("tenant-a", DevTokens.ALL_SCOPES),
        HttpRequest.BodyPublishers.ofString("{\"note\":\"a\"}"));
    assertEquals(404, response.statusCode(), response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void databaseRoleCannotReadOtherServicesSchemas() throws SQLException {
    var config = ConfigProvider.getConfig();
    String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
    String user = config.getValue("quarkus.datasource.username", String.class);
    assertEquals(service(), user, "each service connects as its own role");
    try (Connection c = DriverManager.getConnection(url, user, config.getValue("quarkus.datasource.password", String.class))) {
      c.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history").close();
      for (String other : ServiceSchemas.SERVICES) {
        if (other.equals(service())) {
          continue;
        }
        SQLException denied = assertThrows(SQLException.class,
            () -> c.createStatement().executeQuery("SELECT count(*) FROM " + other + ".flyway_schema_history"));
        assertEquals("42501", denied.getSQLState(), "reading schema " + other + " must be refused: " + denied.getMessage());
      }
    }
  }
}
