package care.sij.progress.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import care.sij.common.Audited;
import care.sij.common.Caller;
import care.sij.common.Cursor;
import care.sij.common.PageResponse;
import care.sij.progress.domain.Alert;
import care.sij.progress.domain.Alerts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

@Path("/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "What the tenant's clinicians should look at, across all its patients.")
public class AlertResource {
  private final Alerts alerts;
  private final Caller caller;

  AlertResource(Alerts alerts, Caller caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  @GET
  @RolesAllowed("progress:read")
  @Audited(resource = "alert")
  @Operation(operationId = "listAlerts", summary = "List alerts",
      description = "The tenant's alerts, newest first, optionally by status (open, acknowledged, resolved) and patient.")
  public RestResponse<PageResponse<AlertResponse>> list(
      @QueryParam("status") @Schema(type = SchemaType.STRING, enumeration = {"open", "acknowledged", "resolved"}) Alert.Status status,
      @QueryParam("patientId") UUID patientId, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit,
      @QueryParam("cursor") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) Cursor cursor, UriInfo uri) {
    var fetched = alerts.list(caller.tenant(), status, patientId, cursor, limit + 1);
    return PageResponse.of(fetched, limit, a -> new Cursor(a.createdAt, a.id), AlertResponse::of, uri);
  }

  @GET
  @Path("{id}")
  @RolesAllowed("progress:read")
  @Audited(resource = "alert", id = "id")
  @Operation(operationId = "getAlert", summary = "Read an alert", description = "One alert, with triage's disposition for a red flag.")
  public AlertResponse get(@PathParam("id") UUID id) {
    return AlertResponse.of(alerts.get(caller.tenant(), id));
  }

  @POST
  @Path("{id}/acknowledge")
  @RolesAllowed("alerts:manage")
  @Audited(resource = "alert", action = "acknowledge", id = "id")
  @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an alert", description = "Someone is looking at it.")
  @APIResponse(responseCode = "200", description = "Acknowledged.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertResponse.class)))
  @APIResponse(responseCode = "409", description = "The alert is acknowledged or resolved already.")
  public AlertResponse acknowledge(@PathParam("id") UUID id) {
    return AlertResponse.of(alerts.move(caller.tenant(), id, Alert.Status.acknowledged));
  }

  @POST
  @Path("{id}/resolve")
  @RolesAllowed("alerts:manage")
  @Audited(resource = "alert", action = "resolve", id = "id")
  @Operation(operationId = "resolveAlert", summary = "Resolve an alert",
      description = "Dealt with. The same condition may raise a new alert later.")
  @APIResponse(responseCode = "200", description = "Resolved.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertResponse.class)))
  @APIResponse(responseCode = "409", description = "The alert is resolved already.")
  public AlertResponse resolve(@PathParam("id") UUID id) {
    return AlertResponse.of(alerts.move(caller.tenant(), id, Alert.Status.resolved));
  }
}
