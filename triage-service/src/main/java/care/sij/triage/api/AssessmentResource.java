package care.sij.triage.api;

import care.sij.common.Audited;
import care.sij.common.Caller;
import care.sij.common.Cursor;
import care.sij.common.PageResponse;
import care.sij.triage.domain.Assessment;
import care.sij.triage.domain.AssessmentResult;
import care.sij.triage.domain.Assessments;
import care.sij.triage.domain.SymptomReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments", description = "Symptom reports and the dispositions they were given.")
public class AssessmentResource {
  private final Caller caller;
  private final Assessments assessments;

  AssessmentResource(Caller caller, Assessments assessments) {
    this.caller = caller;
    this.assessments = assessments;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("triage:assess")
  @Audited(resource = "assessment")
  @Operation(operationId = "createAssessment", summary = "Assess a symptom report",
      description = "Evaluates the report against the current rule set, stores the result for the caller's tenant and returns "
          + "the disposition, the rules that fired with their reasons and sources, who to see, the self-care pathway with a "
          + "suggested catalog routine, and safety-net advice. Unanswered red-flag questions never give self_care. "
          + "Retrying with the same Idempotency-Key and body returns the stored result.")
  @APIResponse(responseCode = "201", description = "Assessed and stored; Location names it.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssessmentResult.class)))
  @APIResponse(responseCode = "200", description = "A retry: the assessment stored for this Idempotency-Key.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssessmentResult.class)))
  @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with a different report.")
  public RestResponse<AssessmentResult> create(@NotNull @Valid SymptomReport report,
      @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey, UriInfo uri) {
    Assessments.Outcome outcome = assessments.assess(caller.tenant(), report, idempotencyKey);
    var location = uri.getAbsolutePathBuilder().path(outcome.result().id().toString()).build();
    RestResponse.ResponseBuilder<AssessmentResult> response = outcome.replayed()
        ? RestResponse.ResponseBuilder.ok(outcome.result()).location(location)
        : RestResponse.ResponseBuilder.<AssessmentResult>created(location).entity(outcome.result());
    return response.build();
  }

  @GET
  @RolesAllowed("triage:read")
  @Audited(resource = "assessment")
  @Operation(operationId = "listAssessments", summary = "List assessments",
      description = "The caller's tenant's assessments, newest first, optionally of one patient; follow nextCursor or the Link header.")
  public RestResponse<PageResponse<AssessmentResult>> list(
      @QueryParam("patientRef") @Size(min = 1, max = 64) String patientRef,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit,
      @QueryParam("cursor") @Size(max = Cursor.MAX_LENGTH) String cursor, UriInfo uri) {
    var fetched = Assessment.list(caller.tenant(), patientRef, Cursor.decode(cursor), limit + 1);
    return PageResponse.of(fetched, limit, a -> new Cursor(a.createdAt, a.id), assessments::stored, uri);
  }

  @GET
  @Path("{id}")
  @RolesAllowed("triage:read")
  @Audited(resource = "assessment", id = "id")
  @Operation(operationId = "getAssessment", summary = "Read an assessment",
      description = "An assessment as it was given, with the rule-set version that produced it.")
  public AssessmentResult get(@PathParam("id") UUID id) {
    return assessments.get(caller.tenant(), id);
  }
}
