package care.sij.catalog;

import static io.restassured.RestAssured.given;

import care.sij.testsupport.RateLimitConventionsTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

@QuarkusTest
@TestProfile(RateLimitConventionsTestBase.LowLimits.class)
class CatalogRateLimitTest extends RateLimitConventionsTestBase {
  @Override
  protected String protectedPath() {
    return "/v1/sources";
  }

  @Override
  protected String readScope() {
    return "catalog:read";
  }

  @Override
  protected String missingPath() {
    return "/v1/exercises/no-such-exercise";
  }

  @Override
  protected String writeScopes() {
    return "catalog:write";
  }

  /** Only the curators' tenant writes the catalog. */
  @Override
  protected String writer() {
    return ConfigProvider.getConfig().getOptionalValue("catalog.curator-tenant", String.class).orElse("t");
  }

  @Override
  protected String writePath() {
    return "/v1/exercises";
  }

  @Override
  protected Response write(String token, String marker, int n) {
    Map<String, Object> exercise = Fixtures.exercise(marker + (char) ('a' + n));
    exercise.put("aliases", List.of(marker)); // what the search finds them by
    return given().auth().oauth2(token).contentType("application/json").body(exercise).when().post(writePath());
  }

  @Override
  protected int stored(String token, String marker) {
    return given().auth().oauth2(token).when().get("/v1/exercises?size=100&q=" + marker).then().statusCode(200)
        .extract().jsonPath().getList("items").size();
  }
}
