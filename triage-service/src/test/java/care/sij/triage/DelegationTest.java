package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import care.sij.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * progress-service assesses and erases on behalf of the patient's tenant (scope triage:delegate and
 * On-Behalf-Of-Tenant), and only there: the tenant owns what is stored, and a service identity owns nothing.
 */
@QuarkusTest
class DelegationTest {
  private static final String HEADER = "On-Behalf-Of-Tenant";
  private final String tenant = "t-" + UUID.randomUUID();
  private final String ref = "pt-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void healthyCatalog() {
    CatalogStub.reset();
  }

  /** progress-service's client as the dev issuer makes it, with the scopes it may hold. */
  private static RequestSpecification service(String scopes) {
    return given().auth().oauth2(DevTokens.forTenant("service:progress-service", scopes));
  }

  private static RequestSpecification progress() {
    return service("catalog:read triage:assess triage:erase triage:delegate");
  }

  private static RequestSpecification as(String tenant) {
    return given().auth().oauth2(DevTokens.forTenant(tenant, DevTokens.ALL_SCOPES));
  }

  private ValidatableResponse assess(RequestSpecification who) {
    return who.contentType("application/json").body(Reports.benignWith(Map.of("patientRef", ref, "saddleNumbness", true)))
        .when().post("/v1/assessments").then();
  }

  private int stored(String owner) {
    return as(owner).when().get("/v1/assessments?limit=100").then().statusCode(200).extract().<java.util.List<?>>path("items").size();
  }

  private static void refused(ValidatableResponse response) {
    response.statusCode(403).contentType("application/problem+json").body("status", equalTo(403))
        .body("errors.field", hasItem(HEADER));
  }

  @Test
  void delegatedAssessmentIsStoredUnderTheNamedTenantAndReadableByIt() {
    String id = assess(progress().header(HEADER, tenant).header("Idempotency-Key", UUID.randomUUID().toString()))
        .statusCode(201).body("patientRef", equalTo(ref)).body("disposition", equalTo("emergency")).extract().path("id");
    as(tenant).when().get("/v1/assessments/" + id).then().statusCode(200).body("id", equalTo(id)).body("patientRef", equalTo(ref));
    as(tenant).when().get("/v1/assessments?patientRef=" + ref).then().statusCode(200).body("items.id", equalTo(java.util.List.of(id)));
    as("other-" + tenant).when().get("/v1/assessments/" + id).then().statusCode(404);
    assertEquals(0, stored("service:progress-service"), "the service identity owns nothing");
  }

  @Test
  void serviceIdentityCannotListOrReadAssessments() {
    String id = assess(progress().header(HEADER, tenant)).statusCode(201).extract().path("id");
    progress().when().get("/v1/assessments").then().statusCode(403);
    progress().when().get("/v1/assessments/" + id).then().statusCode(403);
    // even a client that was wrongly given triage:read too sees nothing, as itself or for a tenant
    RequestSpecification overGranted = service("triage:read triage:assess triage:delegate");
    overGranted.when().get("/v1/assessments").then().statusCode(200).body("items", hasSize(0));
    refused(service("triage:read triage:delegate").header(HEADER, tenant).when().get("/v1/assessments").then());
    refused(service("triage:read triage:delegate").header(HEADER, tenant).when().get("/v1/assessments/" + id).then());
  }

  @Test
  void headerWithoutTheDelegateScopeGets403AndStoresNothing() {
    String other = "other-" + tenant;
    refused(assess(as(tenant).header(HEADER, other)));
    refused(assess(service("triage:assess").header(HEADER, other)));
    refused(as(tenant).header(HEADER, other).when().delete("/v1/assessments?patientRef=" + ref).then());
    assertEquals(0, stored(tenant));
    assertEquals(0, stored(other));
  }

  @Test
  void delegateThatNamesNoTenantGets403() {
    refused(assess(progress()));
    refused(progress().when().delete("/v1/assessments?patientRef=" + ref).then());
    assertEquals(0, stored("service:progress-service"));
  }

  @Test
  void delegationIsRefusedOnEveryOtherOperation() {
    String id = assess(as(tenant)).statusCode(201).extract().path("id");
    for (RequestSpecification who : java.util.List.of(as(tenant).header(HEADER, tenant),
        service("triage:read triage:assess triage:delegate").header(HEADER, tenant))) {
      refused(who.when().get("/v1/assessments").then());
    }
    refused(as(tenant).header(HEADER, tenant).when().get("/v1/assessments/" + id).then());
    refused(as(tenant).header(HEADER, tenant).when().get("/v1/questionnaire").then());
    refused(as(tenant).header(HEADER, tenant).when().get("/v1/rulesets/current").then());
    refused(as(tenant).header(HEADER, tenant).when().get("/v1/rulesets/1").then());
    as(tenant).when().get("/v1/assessments/" + id).then().statusCode(200);
  }

  @Test
  void delegatedErasureRemovesTheNamedTenantsAssessments() {
    assess(progress().header(HEADER, tenant)).statusCode(201);
    assess(as(tenant)).statusCode(201);
    progress().header(HEADER, tenant).when().delete("/v1/assessments?patientRef=" + ref).then().statusCode(204);
    assertEquals(0, stored(tenant));
  }

  @Test
  void badTenantInTheHeaderGets400NamingIt() {
    progress().header(HEADER, "two words").contentType("application/json").body(Reports.benign())
        .when().post("/v1/assessments").then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(HEADER));
    progress().header(HEADER, "t".repeat(129)).when().delete("/v1/assessments?patientRef=" + ref).then().statusCode(400)
        .body("errors.field", hasItem(HEADER));
  }
}
