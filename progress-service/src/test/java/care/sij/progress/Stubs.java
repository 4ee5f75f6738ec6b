package care.sij.progress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import care.sij.testsupport.DevTokens;
import care.sij.testsupport.OtherServices;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/**
 * catalog-service and triage-service for progress's tests. By default the catalog knows every
 * exercise except ids starting with "unknown-", triage answers "emergency" and erases what it is asked to.
 */
@QuarkusTestResource(value = OtherServices.class, initArgs = @ResourceArg(name = "clients", value = "catalog,triage"))
final class Stubs {
  private Stubs() {}

  static WireMockServer server() {
    return OtherServices.server();
  }

  static void healthy() {
    OtherServices.reset();
    server().stubFor(get(urlPathMatching("/v1/exercises/[a-z0-9-]+")).atPriority(5).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"{{request.pathSegments.[2]}}\",\"name\":\"Exercise\",\"retired\":false,\"steps\":[]}")
        .withTransformers("response-template")));
    server().stubFor(get(urlPathMatching("/v1/exercises/unknown-[a-z0-9-]+")).atPriority(1).willReturn(aResponse().withStatus(404)));
    server().stubFor(post(urlPathEqualTo("/v1/assessments")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"" + UUID.randomUUID() + "\",\"disposition\":\"emergency\",\"complete\":false}")));
    server().stubFor(delete(urlPathEqualTo("/v1/assessments")).willReturn(aResponse().withStatus(204)));
  }

  static int catalogCalls(String exerciseId) {
    return server().countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/exercises/" + exerciseId)).build()).getCount();
  }

  static int triageCalls() {
    return server().countRequestsMatching(postRequestedFor(urlPathEqualTo("/v1/assessments")).build()).getCount();
  }

  static int triageErasures() {
    return server().countRequestsMatching(deleteRequestedFor(urlPathEqualTo("/v1/assessments")).build()).getCount();
  }

  /** A caller of the tenant with every progress scope. */
  static RequestSpecification as(String tenant) {
    return RestAssured.given().auth().oauth2(DevTokens.forTenant(tenant, "progress:read progress:write progress:erase alerts:manage audit:read"));
  }

  /** A new patient of the tenant, with a plan when sessionsPerWeek is not null. */
  static String patient(String tenant, Integer sessionsPerWeek) {
    String plan = sessionsPerWeek == null ? "" : ",\"plan\":{\"routineId\":\"stability-routine\",\"sessionsPerWeek\":" + sessionsPerWeek + "}";
    return as(tenant).contentType("application/json").body("{\"ref\":\"pt-" + UUID.randomUUID() + "\"" + plan + "}")
        .when().post("/v1/patients").then().statusCode(201).extract().path("id");
  }

  /** An exercise id no earlier test has looked up, so the catalog cache is cold for it. */
  static String freshExercise() {
    return "ex-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
