package care.sij.progress;

import static io.restassured.RestAssured.given;

import care.sij.testsupport.RateLimitConventionsTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@QuarkusTest
@TestProfile(RateLimitConventionsTestBase.LowLimits.class)
class ProgressRateLimitTest extends RateLimitConventionsTestBase {
  @Override
  protected String protectedPath() {
    return "/v1/patients";
  }

  @Override
  protected String readScope() {
    return "progress:read";
  }

  @Override
  protected String missingPath() {
    return "/v1/patients/" + UUID.randomUUID();
  }

  @Override
  protected String writeScopes() {
    return "progress:write";
  }

  @Override
  protected String writePath() {
    return "/v1/patients";
  }

  @Override
  protected Response write(String token, String marker, int n) {
    return given().auth().oauth2(token).contentType("application/json").body(Map.of("ref", marker + "-" + n)).when().post(writePath());
  }

  @Override
  protected int stored(String token, String marker) {
    List<String> refs = given().auth().oauth2(token).when().get("/v1/patients?limit=100").then().statusCode(200)
        .extract().jsonPath().getList("items.ref");
    return (int) refs.stream().filter(ref -> ref.startsWith(marker + "-")).count();
  }
}
