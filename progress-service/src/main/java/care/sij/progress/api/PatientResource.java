package care.sij.progress.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import care.sij.common.Audited;
import care.sij.common.Caller;
import care.sij.common.Cursor;
import care.sij.common.PageResponse;
import care.sij.common.Problem;
import care.sij.progress.domain.Patient;
import care.sij.progress.domain.Patients;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/patients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients", description = "People followed over weeks, under the tenant's own pseudonymous reference.")
public class PatientResource {
  private final Patients patients;
  private final Caller caller;

  PatientResource(Patients patients, Caller caller) {
    this.patients = patients;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("progress:write")
  @Audited(resource = "patient")
  @Operation(operationId = "createPatient", summary = "Register a patient",
      description = "Registers a person under the tenant's own pseudonymous reference, with an optional exercise plan.")
  @APIResponse(responseCode = "201", description = "Registered; Location names the new patient.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientResponse.class)))
  @APIResponse(responseCode = "409", description = "The tenant already has a patient with this ref.")
  public RestResponse<PatientResponse> create(@NotNull @Valid PatientRequest request, UriInfo uri) {
    Patient patient = patients.create(caller.tenant(), request.ref(), request.plan() == null ? null : request.plan().toDomain());
    return RestResponse.ResponseBuilder.<PatientResponse>created(uri.getAbsolutePathBuilder().path(patient.id.toString()).build())
        .entity(PatientResponse.of(patient)).build();
  }

  @GET
  @RolesAllowed("progress:read")
  @Audited(resource = "patient")
  @Operation(operationId = "listPatients", summary = "List patients",
      description = "The caller's tenant's patients, newest first, a page at a time; follow nextCursor or the Link header.")
  public RestResponse<PageResponse<PatientResponse>> list(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit, @QueryParam("cursor") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) Cursor cursor, UriInfo uri) {
    Cursor after = cursor;
    List<Patient> fetched = patients.list(caller.tenant(), after, limit + 1);
    return PageResponse.of(fetched, limit, p -> new Cursor(p.createdAt, p.id), PatientResponse::of, uri);
  }

  @GET
  @Path("{id}")
  @RolesAllowed("progress:read")
  @Audited(resource = "patient", patient = "id", id = "id")
  @Operation(operationId = "getPatient", summary = "Read a patient", description = "One patient of the caller's tenant.")
  public PatientResponse get(@PathParam("id") UUID id) {
    return PatientResponse.of(patients.get(caller.tenant(), id));
  }

  @DELETE
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // no body when it succeeds: a client may accept only the problem
  @Path("{id}")
  @RolesAllowed("progress:erase")
  @Audited(resource = "patient", patient = "id", id = "id")
  @Operation(operationId = "erasePatient", summary = "Erase a patient",
      description = "Removes the patient and every record of theirs here (pain entries, sessions, alerts, the stored responses "
          + "of keyed writes) in one transaction, then asks triage-service, on behalf of the tenant, to erase the assessments "
          + "made about the patient. Once it answers, the patient and everything about them are gone, and an earlier keyed "
          + "write replayed with its Idempotency-Key answers 404. If triage cannot be reached, this service's part is "
          + "committed all the same and triage's is retried in the background until triage confirms (202).")
  @APIResponse(responseCode = "204", description = "Erased in every service.")
  @APIResponse(responseCode = "202", description = "Erased here; triage-service could not be reached, and the erasure of its "
      + "assessments about the patient is retried in the background until it confirms.")
  public Response erase(@PathParam("id") UUID id) {
    return patients.erase(caller.tenant(), id) ? Response.noContent().build() : Response.accepted().build();
  }
}
