package care.sij.triage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.testsupport.DevTokens;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The disposition never depends on catalog-service: when it fails or hangs, the answer comes anyway, without the routine. */
@QuarkusTest
class CatalogDegradedTest {

  @BeforeEach
  void healthyCatalog() {
    CatalogStub.reset();
  }

  @Inject
  CircuitBreakerMaintenance circuitBreakers;

  @AfterEach
  void healthyCatalogAgain() {
    CatalogStub.reset();
    circuitBreakers.resetAll(); // other test classes share this application
  }

  private static ValidatableResponse assessSelfCare() {
    return given().auth().oauth2(DevTokens.forTenant("degraded", "triage:assess")).contentType("application/json")
        .body(Reports.benign()).when().post("/v1/assessments").then().statusCode(201)
        .body("disposition", equalTo("self_care"));
  }

  private static int catalogCalls() {
    return CatalogStub.server().countRequestsMatching(getRequestedFor(urlPathMatching("/v1/routines/.*")).build()).getCount();
  }

  @Test
  void routineIsNamedWhenTheCatalogAnswers() {
    assessSelfCare().body("pathway.routineStatus", equalTo("available")).body("pathway.routine.name", equalTo("Routine mobility-routine"));
  }

  @Test
  void unknownRoutineIsReportedAsNotFound() {
    CatalogStub.server().stubFor(get(urlPathMatching("/v1/routines/.*")).willReturn(aResponse().withStatus(404)));
    assessSelfCare().body("pathway.routineStatus", equalTo("not_found")).body("pathway.routineId", equalTo("mobility-routine"))
        .body("pathway.routine", nullValue());
  }

  @Test
  void failingCatalogStillGivesTheDispositionWithoutTheRoutine() {
    CatalogStub.server().stubFor(get(urlPathMatching("/v1/routines/.*")).willReturn(aResponse().withStatus(500)));
    assessSelfCare().body("pathway.routineStatus", equalTo("unavailable")).body("pathway.routine", nullValue())
        .body("pathway.id", equalTo("mobility"));
  }

  @Test
  void resetConnectionStillGivesTheDisposition() {
    CatalogStub.server().stubFor(get(urlPathMatching("/v1/routines/.*")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assessSelfCare().body("pathway.routineStatus", equalTo("unavailable"));
  }

  @Test
  void hangingCatalogIsCutOffByTheTimeout() {
    CatalogStub.server().stubFor(get(urlPathMatching("/v1/routines/.*")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"x\",\"name\":\"late\"}").withFixedDelay(5_000)));
    Instant start = Instant.now();
    assessSelfCare().body("pathway.routineStatus", equalTo("unavailable"));
    // not a speed target: proves the answer did not wait for the catalog's 5 s
    assertTrue(Duration.between(start, Instant.now()).toMillis() < 4_000);
  }

  @Test
  void repeatedFailuresOpenTheCircuitSoTheCatalogIsNoLongerCalled() {
    CatalogStub.server().stubFor(get(urlPathMatching("/v1/routines/.*")).willReturn(aResponse().withStatus(503)));
    for (int i = 0; i < 4; i++) {
      assessSelfCare().body("pathway.routineStatus", equalTo("unavailable"));
    }
    int callsWhenOpen = catalogCalls();
    for (int i = 0; i < 5; i++) {
      assessSelfCare().body("pathway.routineStatus", equalTo("unavailable"));
    }
    assertEquals(callsWhenOpen, catalogCalls(), "an open circuit makes no further calls");
  }
}
