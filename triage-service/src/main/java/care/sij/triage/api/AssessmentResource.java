package care.sij.triage.api;

import care.sij.common.Caller;
import care.sij.common.Cursor;
import care.sij.common.PageResponse;
import care.sij.common.ProblemException;
import care.sij.triage.domain.Assessment;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments", description = "Symptom reports and the dispositions they were given.")
public class AssessmentResource {
  private final Caller caller;

  AssessmentResource(Caller caller) {
    this.caller = caller;
  }

  @GET
  @RolesAllowed("triage:read")
  @Operation(operationId = "listAssessments", summary = "List assessments",
      description = "The caller's tenant's assessments, newest first, optionally of one patient; follow nextCursor or the Link header.")
  public RestResponse<PageResponse<AssessmentResponse>> list(
      @QueryParam("patientRef") @Size(min = 1, max = 64) String patientRef,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit,
      @QueryParam("cursor") String cursor, UriInfo uri) {
    var fetched = Assessment.list(caller.tenant(), patientRef, Cursor.decode(cursor), limit + 1);
    return PageResponse.of(fetched, limit, a -> new Cursor(a.createdAt, a.id), AssessmentResponse::of, uri);
  }

  @GET
  @Path("{id}")
  @RolesAllowed("triage:read")
  @Operation(operationId = "getAssessment", summary = "Read an assessment",
      description = "An assessment as it was given, with the rule-set version that produced it.")
  public AssessmentResponse get(@PathParam("id") UUID id) {
    return Assessment.find(caller.tenant(), id).map(AssessmentResponse::of)
        .orElseThrow(() -> new ProblemException.NotFound("assessment", id));
  }
}
