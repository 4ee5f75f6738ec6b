package care.sij.progress.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import au.com.dius.pact.core.model.annotations.PactDirectory;
import care.sij.progress.PeersByPact;
import care.sij.progress.domain.RedFlags;
import care.sij.testsupport.CommittedPact;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What progress-service needs of triage-service's assessments, asked through the bean the service uses:
 * an assessment of a pain entry's red flags and the erasure of an erased patient's assessments, both on
 * behalf of the patient's tenant. The pact is committed as contracts/pacts/progress-service-triage-service.json
 * and triage-service's build verifies it against the real triage.
 */
@QuarkusTest
@TestProfile(PeersByPact.class)
@CommittedPact(consumer = "progress-service", provider = "triage-service")
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "triage-service", port = "${sij.pact.port}")
@PactDirectory(CommittedPact.WRITTEN)
class TriageAssessmentsPactTest {
  private static final String TENANT = "[A-Za-z0-9._:@-]+"; // a tenant claim as triage accepts it in On-Behalf-Of-Tenant
  private static final String PATIENT_REF = "[A-Za-z0-9._:-]+";
  private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";
  private static final String DISPOSITIONS = "emergency_ambulance|emergency|consultation_24|consultation|self_care";
  private static final UUID ALERT = UUID.fromString("5f0c2a4e-8d1b-4c3a-9e7f-1a2b3c4d5e6f");
  private static final UUID ASSESSMENT = UUID.fromString("0b6f3c1e-2d4a-4e8f-9a7b-5c6d7e8f9a0b");
  private static final String MADE_AT = "2026-11-21T08:30:00.123456Z";

  @Inject
  TriageAssessments assessments;

  @Pact(consumer = "progress-service", provider = "triage-service")
  V4Pact assessment(PactDslWithProvider builder) {
    return builder.given("the current rule set is active")
        .uponReceiving("red-flag answers of a pain entry, assessed on behalf of the patient's tenant")
        .method("POST").path("/v1/assessments")
        .matchHeader("Authorization", "Bearer .+", "Bearer service-token")
        .matchHeader("Content-Type", "application/json.*", "application/json")
        .matchHeader("On-Behalf-Of-Tenant", TENANT, "tenant-a")
        .matchHeader("Idempotency-Key", UUID_PATTERN, ALERT.toString())
        .body(LambdaDsl.newJsonBody(r -> r.stringMatcher("patientRef", PATIENT_REF, "pt-00042")
            .booleanType("bowelOrBladderChange", true).booleanType("saddleNumbness", false)
            .stringMatcher("legWeakness", "none|stable|progressive", "none").booleanType("legNumbnessOrTingling", false)
            .booleanType("feverOrChills", false).stringMatcher("trauma", "none|minor|major", "none")).build())
        .willRespondWith().status(201).matchHeader("Content-Type", "application/json.*", "application/json")
        .body(LambdaDsl.newJsonBody(a -> a.uuid("id", ASSESSMENT).stringMatcher("disposition", DISPOSITIONS, "emergency")
            .stringMatcher("createdAt", INSTANT, MADE_AT)).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "assessment")
  void redFlagsGetTheDispositionTriageStoredForTheTenant() {
    TriageAssessment assessment = assessments.assess("tenant-a", "pt-00042", ALERT, new RedFlags(true, false, "none", false, false, "none"));

    assertEquals(new TriageAssessment(ASSESSMENT, "emergency", Instant.parse(MADE_AT)), assessment);
  }

  @Pact(consumer = "progress-service", provider = "triage-service")
  V4Pact erasure(PactDslWithProvider builder) {
    return builder.given("the tenant has assessments of the patient", Map.of("tenant", "tenant-a", "patientRef", "pt-00042"))
        .uponReceiving("the erasure of an erased patient's assessments, on behalf of the patient's tenant")
        .method("DELETE").path("/v1/assessments")
        .matchHeader("Authorization", "Bearer .+", "Bearer service-token")
        .matchHeader("On-Behalf-Of-Tenant", TENANT, "tenant-a")
        .matchQuery("patientRef", PATIENT_REF, "pt-00042")
        // the instant of the patient's erasure: the provider state's, so that its assessments are older
        .queryParameterFromProviderState("createdBefore", "${createdBefore}", MADE_AT)
        .matchQuery("createdBefore", INSTANT, MADE_AT)
        .willRespondWith().status(204)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "erasure")
  void erasedPatientsAssessmentsAreErasedOnBehalfOfTheTenant() {
    assessments.erase("tenant-a", "pt-00042", Instant.parse(MADE_AT)); // a refusal or a failure would throw
  }
}
