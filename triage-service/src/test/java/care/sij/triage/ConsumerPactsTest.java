package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import care.sij.testsupport.DevTokens;
import care.sij.testsupport.ServiceClients;
import care.sij.triage.domain.RuleSets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.hc.core5.http.HttpRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pacts of triage-service's consumers (contracts/pacts/*-triage-service.json, written by
 * progress-service's consumer tests), each interaction replayed against this running triage with the
 * token its consumer would have.
 */
@QuarkusTest
@Provider("triage-service")
@PactFolder("${sij.repository.root:..}/contracts/pacts")
class ConsumerPactsTest {
  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  @Inject
  RuleSets ruleSets;

  @BeforeEach
  void target(PactVerificationContext context) {
    CatalogStub.reset(); // a self-care disposition asks the catalog for its routine
    context.setTarget(new HttpTestTarget("localhost", port));
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void consumerGetsWhatItsPactExpects(PactVerificationContext context, HttpRequest request) {
    // the pact names no token: each consumer calls with its own client-credentials token, for this audience
    request.setHeader("Authorization", "Bearer " + ServiceClients.token(context.getConsumer().getName()));
    context.verifyInteraction();
  }

  @State("the current rule set is active")
  void ruleSetIsActive() {
    assertNotNull(ruleSets.current(), "no rule set was loaded at start-up");
  }

  /** An assessment of the patient by the tenant's own app; the erasure is to take what was made until now. */
  @State("the tenant has assessments of the patient")
  Map<String, Object> tenantAssessedThePatient(Map<String, Object> params) {
    String made = given().auth().oauth2(DevTokens.forTenant((String) params.get("tenant"), "triage:assess"))
        .contentType("application/json").body(Reports.benignWith(Map.of("patientRef", params.get("patientRef"))))
        .when().post("/v1/assessments").then().statusCode(201).extract().path("createdAt");
    return Map.of("createdBefore", Instant.parse(made).plus(1, ChronoUnit.MICROS).toString());
  }
}
