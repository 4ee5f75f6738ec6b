package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import care.sij.testsupport.DevTokens;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The clinical case table: each report, through the API, gets the disposition a clinician expects. */
@QuarkusTest
class ClinicalCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvFileSource(resources = "/clinical-cases.psv", delimiter = '|', quoteCharacter = '\0', maxCharsPerColumn = 4096)
  void caseGetsTheExpectedDisposition(String name, String disposition, boolean complete, String changes) throws Exception {
    Map<String, Object> report = Reports.benignWith(JSON.readValue(changes, new TypeReference<Map<String, Object>>() {}));
    given().auth().oauth2(DevTokens.forTenant("cases", "triage:assess")).contentType("application/json").body(report)
        .when().post("/v1/assessments")
        .then().statusCode(201)
        .body("disposition", equalTo(disposition))
        .body("complete", equalTo(complete))
        .body("selfCareAllowed", equalTo(disposition.equals("self_care")));
  }
}
