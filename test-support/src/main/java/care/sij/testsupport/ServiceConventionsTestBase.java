package care.sij.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.launcher.Repository;
import care.sij.launcher.ServiceSchemas;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service promises alike: probes and metrics on the management port only, an open
 * contract, bearer tokens minted for this service on everything else, problem+json errors, answers
 * that no cache keeps and no browser frames, its published contract, and a database role that sees
 * only its own schema. A shared test base, run only through each service's subclass:
 * {@code @QuarkusTest class XConventionsTest extends ServiceConventionsTestBase}.
 */
public abstract class ServiceConventionsTestBase {
  /** The management interface's root, e.g. http://localhost:PORT/q/ (a random port in tests). */
  @TestHTTPResource(value = "/", management = true)
  java.net.URL management;

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

  private String onManagementPort(String path) {
    return management.toString() + path;
  }

  @Test
  void healthProbesAnswerWithoutTokenOnTheManagementPortAndReadinessChecksTheDatabase() {
    given().when().get(onManagementPort("health/live")).then().statusCode(200).body("status", equalTo("UP"));
    given().when().get(onManagementPort("health/ready")).then().statusCode(200).body("status", equalTo("UP"))
        .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
  }

  @Test
  void prometheusMetricsAnswerWithoutTokenOnTheManagementPort() {
    given().when().get(onManagementPort("metrics")).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void theApiPortServesNeitherProbesNorMetrics() {
    assertTrue(management.getPort() != io.restassured.RestAssured.port, "a port of its own");
    for (String path : List.of("/q/metrics", "/q/health", "/q/health/live", "/q/health/ready")) {
      given().when().get(path).then().statusCode(404);
    }
  }

  @Test
  void openApiAndSwaggerUiAnswerWithoutToken() {
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/"));
    given().when().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void servedContractMatchesTheCommittedOne() throws IOException {
    String served = given().accept("application/yaml").when().get("/q/openapi").then().statusCode(200).extract().asString();
    CommittedFiles.matches(ContractValidation.contractFile(service() + "-service"), served, "the API changed");
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
  void tokenExpiredForLongerThanTheClockSkewAllowsGets401() {
    isProblem(getWithToken(DevTokens.expiredFor("tenant-a", readScope(), Duration.ofSeconds(40))), 401);
  }

  /** Outside tests (which allow a second, so that an expired token is soon refused) the skew is at most 30 s. */
  @Test
  void clockSkewOutsideTestsIsAtMostThirtySeconds() throws IOException {
    String skew = productionConfiguration().getProperty("mp.jwt.verify.clock.skew");
    assertTrue(skew != null && Integer.parseInt(skew.trim()) > 0 && Integer.parseInt(skew.trim()) <= 30,
        "mp.jwt.verify.clock.skew=" + skew + " (unset or 0 means smallrye-jwt's default of 60 s)");
    assertEquals(1, ConfigProvider.getConfig().getValue("mp.jwt.verify.clock.skew", Integer.class));
  }

  @Test
  void tokenForAnotherAudienceGets401Problem() {
    ValidatableResponse response = getWithToken(DevTokens.forAudience("tenant-a", readScope(), "another-application"));
    isProblem(response, 401);
    isProblem(getWithToken(DevTokens.forAudience("tenant-a", readScope())), 401); // for no audience at all
    List<String> others = DevTokens.ALL_AUDIENCES.stream().filter(a -> !a.equals("sij-" + service())).toList();
    isProblem(getWithToken(DevTokens.forAudience("tenant-a", readScope(), others.toArray(String[]::new))), 401);
  }

  @Test
  void tokenForThisServiceAloneIsAccepted() {
    assertEquals("${SIJ_JWT_AUDIENCE:sij-" + service() + "}", productionConfigurationValue("mp.jwt.verify.audiences"));
    getWithToken(DevTokens.forAudience("tenant-a", readScope(), "sij-" + service())).statusCode(200);
  }

  /** The service's configuration as it runs outside tests: the shared settings overlaid with its own, profiles left out. */
  private Properties productionConfiguration() throws IOException {
    Properties merged = new Properties();
    for (Path file : List.of(Repository.root().resolve("common/src/main/resources/META-INF/microprofile-config.properties"),
        Repository.root().resolve(service() + "-service/src/main/resources/application.properties"))) {
      try (Reader in = Files.newBufferedReader(file)) {
        merged.load(in);
      }
    }
    merged.stringPropertyNames().stream().filter(k -> k.startsWith("%")).forEach(merged::remove);
    return merged;
  }

  private String productionConfigurationValue(String key) {
    try {
      return productionConfiguration().getProperty(key);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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

  /** What no answer under /v1 may lack: nothing stores it, sniffs it, frames it or learns where it was read. */
  private static ValidatableResponse isPrivateAndHardened(ValidatableResponse response) {
    List<String> cacheControl = response.extract().headers().getValues("Cache-Control");
    assertEquals(List.of("no-store"), cacheControl, "one Cache-Control, no-store");
    return response.header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "no-referrer")
        .header("Content-Security-Policy", containsString("default-src 'none'"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
  }

  @Test
  void answersUnderV1AreNotStoredAndCarryTheSecurityHeaders() {
    String token = DevTokens.forTenant("tenant-a", DevTokens.ALL_SCOPES);
    isPrivateAndHardened(getWithToken(token).statusCode(200));
    isPrivateAndHardened(isProblem(given().when().get(protectedPath()).then(), 401)); // from the REST layer
    isPrivateAndHardened(isProblem(getWithToken(DevTokens.forTenant("tenant-a", "no:scope")), 403));
    isPrivateAndHardened(isProblem(given().auth().oauth2(token).when().get("/v1/no-such-thing").then(), 404));
    isPrivateAndHardened(isProblem(given().auth().oauth2(token).when() // refused at the edge, before any route
        .get(protectedPath() + (protectedPath().contains("?") ? "&" : "?") + "x=" + "a".repeat(5000)).then(), 414));
  }

  @Test
  void theContractAndSwaggerUiGetTheSecurityHeadersButNoScriptBan() {
    given().when().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", org.hamcrest.Matchers.nullValue());
    given().when().get("/q/swagger-ui/").then().statusCode(200).header("X-Frame-Options", "DENY")
        .header("Content-Security-Policy", org.hamcrest.Matchers.nullValue());
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
