package care.sij.progress.triage;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * triage-service's assessments, called with this service's own client-credentials token (scope
 * triage:delegate), always on behalf of the patient's tenant, which then owns what triage stores.
 */
@RegisterRestClient(configKey = "triage")
@OidcClientFilter
@Path("/v1/assessments")
interface TriageClient {
  String ON_BEHALF_OF = "On-Behalf-Of-Tenant";

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  TriageAssessment assess(@HeaderParam(ON_BEHALF_OF) String tenant, @HeaderParam("Idempotency-Key") String idempotencyKey,
      RedFlagReport report);

  @DELETE
  void erase(@HeaderParam(ON_BEHALF_OF) String tenant, @QueryParam("patientRef") String patientRef,
      @QueryParam("createdBefore") String createdBefore);
}
