package care.sij.common;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The tenant's own audit trail in this service. */
@Path("/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who accessed which records of the tenant's patients, when, and with what outcome.")
public class AuditEventResource {
  private static final Instant LAST = Instant.parse("9999-12-31T00:00:00Z");
  private final AuditTrail trail;
  private final Caller caller;

  AuditEventResource(AuditTrail trail, Caller caller) {
    this.trail = trail;
    this.caller = caller;
  }

  @Schema(name = "AuditEvent", description = "One access to patient-level data. It names records, never their content.")
  public record AuditEventResponse(
      @Schema(description = "The event's id.") UUID id,
      @Schema(description = "When the answer was given.") Instant at,
      @Schema(description = "The token's subject (sub): who called.", nullable = true) String subject,
      @Schema(description = "The application that called (azp or client_id).", nullable = true) String client,
      @Schema(description = "read, create, change, erase, acknowledge, resolve or retire (a catalog entry).") String action,
      @Schema(description = "The kind of record: patient, pain-entry, session, progress, alert, assessment, exercise, routine.")
      String resourceType,
      @Schema(description = "The record's id, when the access was about one record.", nullable = true) String resourceId,
      @Schema(description = "The patient's id (triage: the tenant's patientRef), when the access was about one patient.",
          nullable = true) String patientId,
      @Schema(description = "The HTTP status of the answer.") int outcome,
      @Schema(description = "The request's X-Request-Id, as sent back with the answer.") String requestId) {

    static AuditEventResponse of(AuditEvent e) {
      return new AuditEventResponse(e.id(), e.at(), e.subject(), e.client(), e.action(), e.resourceType(), e.resourceId(),
          e.patientId(), e.outcome(), e.requestId());
    }
  }

  @GET
  @RolesAllowed("audit:read")
  @Operation(operationId = "listAuditEvents", summary = "List audit events",
      description = "The tenant's audit events in this service, newest first, optionally of one patient and between from "
          + "(inclusive) and to (exclusive); follow nextCursor or the Link header. A read's event is listed within a second of "
          + "its answer, a write's before its answer.")
  public RestResponse<PageResponse<AuditEventResponse>> list(
      @QueryParam("patientId") @Size(min = 1, max = 200) @Parameter(description = "The patient's id (triage: patientRef).") String patientId,
      @QueryParam("from") @Parameter(description = "ISO-8601 instant.", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
      Instant from,
      @QueryParam("to") @Parameter(description = "ISO-8601 instant.", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
      Instant to,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit,
      @QueryParam("cursor") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) Cursor cursor, UriInfo uri) {
    Instant start = bounded(from, "from");
    Instant end = bounded(to, "to");
    if (start != null && end != null && !start.isBefore(end)) {
      throw new ProblemException.BadRequest("from", "must be before to");
    }
    var fetched = trail.list(caller.tenant(), patientId, start, end, cursor, limit + 1);
    return PageResponse.of(fetched, limit, e -> new Cursor(e.at(), e.id()), AuditEventResponse::of, uri);
  }

  private static Instant bounded(Instant at, String name) {
    if (at != null && (at.getEpochSecond() < 0 || at.isAfter(LAST))) {
      throw new ProblemException.BadRequest(name, "must be between 1970 and 9999");
    }
    return at;
  }
}
