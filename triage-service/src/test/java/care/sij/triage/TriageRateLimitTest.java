package care.sij.triage;

import static io.restassured.RestAssured.given;

import care.sij.testsupport.RateLimitConventionsTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;

@QuarkusTest
@TestProfile(RateLimitConventionsTestBase.LowLimits.class)
class TriageRateLimitTest extends RateLimitConventionsTestBase {
  @Override
  protected String protectedPath() {
    return "/v1/assessments";
  }

  @Override
  protected String readScope() {
    return "triage:read";
  }

  @Override
  protected String missingPath() {
    return "/v1/assessments/" + UUID.randomUUID();
  }

  @Override
  protected String writeScopes() {
    return "triage:assess";
  }

  @Override
  protected String writePath() {
    return "/v1/assessments";
  }

  @Override
  protected Response write(String token, String marker, int n) {
    return given().auth().oauth2(token).contentType("application/json").body(Reports.benignWith(Map.of("patientRef", marker)))
        .when().post(writePath());
  }

  @Override
  protected int stored(String token, String marker) {
    return given().auth().oauth2(token).when().get("/v1/assessments?limit=100&patientRef=" + marker).then().statusCode(200)
        .extract().jsonPath().getList("items").size();
  }
}
