package care.sij.progress.triage;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** triage-service's assessments, called with this service's own client-credentials token. */
@RegisterRestClient(configKey = "triage")
@OidcClientFilter
@Path("/v1/assessments")
interface TriageClient {
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  TriageAssessment assess(@HeaderParam("Idempotency-Key") String idempotencyKey, RedFlagReport report);
}
