package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import care.sij.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A patient's erasure reaches triage: the tenant's assessments of the ref go, and nothing else. */
@QuarkusTest
class AssessmentErasureTest {
  private final String tenant = "t-" + UUID.randomUUID();
  private final String ref = "pt-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void healthyCatalog() {
    CatalogStub.reset();
  }

  private static RequestSpecification as(String tenant) {
    return given().auth().oauth2(DevTokens.forTenant(tenant, "triage:assess triage:read triage:erase"));
  }

  private static Map<String, Object> assess(String tenant, String ref) {
    return as(tenant).contentType("application/json").body(Reports.benignWith(Map.of("patientRef", ref)))
        .when().post("/v1/assessments").then().statusCode(201).extract().jsonPath().getMap("");
  }

  private static List<String> ids(String tenant, String ref) {
    return as(tenant).when().get("/v1/assessments?limit=100&patientRef=" + ref).then().statusCode(200).extract().path("items.id");
  }

  @Test
  void erasureRemovesOnlyThisTenantsAssessmentsOfThisRef() {
    assess(tenant, ref);
    assess(tenant, ref);
    String otherRef = (String) assess(tenant, ref + "-b").get("id");
    String otherTenants = (String) assess("other-" + tenant, ref).get("id");
    as(tenant).when().delete("/v1/assessments?patientRef=" + ref).then().statusCode(204);
    assertEquals(List.of(), ids(tenant, ref));
    assertEquals(List.of(otherRef), ids(tenant, ref + "-b"));
    assertEquals(List.of(otherTenants), ids("other-" + tenant, ref));
  }

  @Test
  void createdBeforeSparesWhatWasMadeLater() {
    assess(tenant, ref);
    Map<String, Object> later = assess(tenant, ref); // a new patient who took the ref after the erasure
    as(tenant).queryParam("patientRef", ref).queryParam("createdBefore", later.get("createdAt"))
        .when().delete("/v1/assessments").then().statusCode(204);
    assertEquals(List.of(later.get("id")), ids(tenant, ref));
  }

  @Test
  void erasingWhatIsGoneSucceeds() {
    as(tenant).when().delete("/v1/assessments?patientRef=" + ref).then().statusCode(204);
    as(tenant).when().delete("/v1/assessments?patientRef=" + ref).then().statusCode(204);
  }

  @Test
  void badErasureRequestsGet400NamingTheParameterAndEraseNothing() {
    String id = (String) assess(tenant, ref).get("id");
    for (String[] bad : new String[][] {{"", "patientRef"}, {"?patientRef=", "patientRef"}, {"?patientRef=Jane%20Doe", "patientRef"},
        {"?patientRef=" + "r".repeat(65), "patientRef"}, {"?patientRef=" + ref + "&createdBefore=yesterday", "createdBefore"},
        {"?patientRef=" + ref + "&createdBefore=1999-12-31T23:59:59Z", "createdBefore"},
        {"?patientRef=" + ref + "&createdBefore=9999-12-31T23:59:59Z", "createdBefore"}}) {
      as(tenant).when().delete("/v1/assessments" + bad[0]).then().statusCode(400).contentType("application/problem+json")
          .body("errors.field", hasItem(bad[1]));
    }
    assertEquals(List.of(id), ids(tenant, ref));
  }

  @Test
  void erasingNeedsTheEraseScope() {
    String id = (String) assess(tenant, ref).get("id");
    given().auth().oauth2(DevTokens.forTenant(tenant, "triage:assess triage:read")).when().delete("/v1/assessments?patientRef=" + ref)
        .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    assertEquals(List.of(id), ids(tenant, ref));
  }
}
