package care.sij.triage.api;

import care.sij.common.Audited;
import care.sij.common.Cursor;
import care.sij.common.Idempotency;
import care.sij.common.PageResponse;
import care.sij.common.Problem;
import care.sij.common.ProblemException;
import care.sij.triage.domain.Assessment;
import care.sij.triage.domain.AssessmentResult;
import care.sij.triage.domain.Assessments;
import care.sij.triage.domain.SymptomReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessments", description = "Symptom reports and the dispositions they were given.")
public class AssessmentResource {
  private static final String DELEGATED = "A service client with scope triage:delegate acts for the tenant it names here (the "
      + "patient's), and only so; any other token must not send it.";
  private static final String REFUSED = "The token lacks the scope this operation requires; or On-Behalf-Of-Tenant was sent "
      + "without scope triage:delegate; or a token with triage:delegate named no tenant.";
  private static final String NOT_DELEGABLE = " A call that names a tenant in On-Behalf-Of-Tenant gets 403: only createAssessment "
      + "and eraseAssessments honour it.";

  /** The earliest createdBefore: no assessment is older. */
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  private final Delegation delegation;
  private final Assessments assessments;
  private final Clock clock;

  AssessmentResource(Delegation delegation, Assessments assessments, Clock clock) {
    this.delegation = delegation;
    this.assessments = assessments;
    this.clock = clock;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("triage:assess")
  @Audited(resource = "assessment")
  @Operation(operationId = "createAssessment", summary = "Assess a symptom report",
      description = "Evaluates the report against the current rule set, stores the result for the caller's tenant and returns "
          + "the disposition, the rules that fired with their reasons and sources, who to see, the self-care pathway with a "
          + "suggested catalog routine, safety-net advice, a disclaimer and links to education topics on catalog-service. "
          + "Unanswered red-flag questions never give self_care. "
          + "Retrying with the same Idempotency-Key and body returns the stored result. A service client with scope "
          + "triage:delegate assesses on behalf of the tenant it names in On-Behalf-Of-Tenant, which then owns the assessment.")
  @APIResponse(responseCode = "201", description = "Assessed and stored; Location names it.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssessmentResult.class)))
  @APIResponse(responseCode = "200", description = "A retry: the assessment stored for this Idempotency-Key.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AssessmentResult.class)))
  @APIResponse(responseCode = "403", description = REFUSED)
  @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with a different report.")
  public RestResponse<AssessmentResult> create(@NotNull @Valid SymptomReport report,
      @HeaderParam(Idempotency.HEADER) @Size(min = 1, max = 200) String idempotencyKey,
      @HeaderParam(Delegation.HEADER) @Size(min = 1, max = Delegation.TENANT_MAX) @Pattern(regexp = Delegation.TENANT_PATTERN)
      @Parameter(description = DELEGATED, example = "acme-clinic") String onBehalfOf, UriInfo uri) {
    Assessments.Outcome outcome = assessments.assess(delegation.tenant(onBehalfOf), report, idempotencyKey);
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
      description = "The caller's tenant's assessments, newest first, optionally of one patient; follow nextCursor or the Link header."
          + NOT_DELEGABLE)
  public RestResponse<PageResponse<AssessmentResult>> list(
      @QueryParam("patientRef") @Size(min = 1, max = 64) String patientRef,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit,
      @QueryParam("cursor") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) Cursor cursor, UriInfo uri) {
    var fetched = Assessment.list(delegation.ownTenant(), patientRef, cursor, limit + 1);
    return PageResponse.of(fetched, limit, a -> new Cursor(a.createdAt, a.id), assessments::stored, uri);
  }

  @GET
  @Path("{id}")
  @RolesAllowed("triage:read")
  @Audited(resource = "assessment", id = "id")
  @Operation(operationId = "getAssessment", summary = "Read an assessment",
      description = "An assessment as it was given, with the rule-set version that produced it: a later rule set never changes it. "
          + "The disclaimer and the education topics, which are not part of the clinical result, come with it as with every answer."
          + NOT_DELEGABLE)
  public AssessmentResult get(@PathParam("id") UUID id) {
    return assessments.get(delegation.ownTenant(), id);
  }

  @DELETE
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // no body when it succeeds: a client may accept only the problem
  @RolesAllowed("triage:erase")
  @Audited(resource = "assessment")
  @Operation(operationId = "eraseAssessments", summary = "Erase a patient's assessments",
      description = "Erases every assessment of the tenant about patientRef, reports and results alike, made before createdBefore "
          + "if given (so that an erasure retried later spares a new patient who took the same ref). Erasing what is gone already "
          + "succeeds too. progress-service calls it, on behalf of the tenant, when a patient is erased.")
  @APIResponse(responseCode = "204", description = "Erased: none of the tenant's assessments of patientRef (before createdBefore) remain.")
  @APIResponse(responseCode = "403", description = REFUSED)
  public void erase(
      @QueryParam("patientRef") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+")
      @Parameter(description = "The tenant's reference of the patient, as in the symptom reports.", example = "pt-00042") String patientRef,
      @QueryParam("createdBefore") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to a day from now: "
          + "only assessments made before it are erased; absent: all of them.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant createdBefore,
      @HeaderParam(Delegation.HEADER) @Size(min = 1, max = Delegation.TENANT_MAX) @Pattern(regexp = Delegation.TENANT_PATTERN)
      @Parameter(description = DELEGATED, example = "acme-clinic") String onBehalfOf) {
    assessments.erase(delegation.tenant(onBehalfOf), patientRef, checked(createdBefore));
  }

  /** createdBefore within its bounds (the database's range is narrower than Java's), or a 400 naming it. */
  private Instant checked(Instant createdBefore) {
    if (createdBefore != null && (createdBefore.isBefore(EARLIEST) || createdBefore.isAfter(Instant.now(clock).plus(Duration.ofDays(1))))) {
      throw new ProblemException.BadRequest("createdBefore", "must be from 2000-01-01T00:00:00Z up to a day from now");
    }
    return createdBefore;
  }
}
