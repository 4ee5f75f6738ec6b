package care.sij.progress.triage;

import care.sij.progress.domain.RedFlags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks triage-service, on behalf of the patient's tenant, for a disposition on red-flag answers, and to
 * erase what it holds about an erased patient. An assessment is not retried here (a POST); the alert's
 * id is the Idempotency-Key, so the scheduled retry of a failed call can never assess twice.
 */
@ApplicationScoped
public class TriageAssessments {
  private final TriageClient client;

  TriageAssessments(@RestClient TriageClient client) {
    this.client = client;
  }

  @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS)
  public TriageAssessment assess(String tenant, String patientRef, UUID alertId, RedFlags redFlags) {
    return client.assess(tenant, alertId.toString(), RedFlagReport.of(patientRef, redFlags));
  }

  /** The tenant's assessments of patientRef made before the given instant; erasing them twice is harmless. */
  @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS)
  public void erase(String tenant, String patientRef, Instant createdBefore) {
    client.erase(tenant, patientRef, createdBefore.toString());
  }
}
