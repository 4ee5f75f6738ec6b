package care.sij.catalog.api;

import care.sij.common.Audited;
import care.sij.catalog.domain.Catalog;
import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.CatalogSnapshot;
import care.sij.catalog.domain.CatalogWrites;
import care.sij.catalog.domain.Planner;
import care.sij.catalog.domain.Routine;
import care.sij.catalog.domain.Entry;
import care.sij.common.Problem;
import care.sij.common.ProblemException;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/routines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routines", description = "Ordered sequences of exercises with conditions, and plans made from them for one person.")
public class RoutineResource {
  private final Catalog catalog;
  private final CatalogWrites writes;
  private final Rendered rendered;

  RoutineResource(Catalog catalog, CatalogWrites writes, Rendered rendered) {
    this.catalog = catalog;
    this.writes = writes;
    this.rendered = rendered;
  }

  @NonBlocking // served from memory: no reason to leave the event loop
  @GET
  @RolesAllowed("catalog:read")
  @Operation(operationId = "listRoutines", summary = "List routines", description = "Every routine that is not retired, by name.")
  public List<RoutineResponse> list() {
    return catalog.current().routines().stream().map(RoutineResponse::of).toList();
  }

  @NonBlocking // served from memory: no reason to leave the event loop
  @GET
  @Path("{id}")
  @RolesAllowed("catalog:read")
  @Operation(operationId = "getRoutine", summary = "Read a routine",
      description = "One routine by id, retired ones included (with retired: true). "
          + "Send If-None-Match with the ETag you have to get 304 when it has not changed.")
  @APIResponse(responseCode = "200", description = "The routine.", headers = {
      @Header(name = "ETag", description = "Strong entity tag of this representation.", schema = @Schema(type = SchemaType.STRING)),
      @Header(name = "Cache-Control", description = "public, max-age=300: shared caches may keep it.", schema = @Schema(type = SchemaType.STRING))},
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutineResponse.class)))
  @APIResponse(responseCode = "304", description = "Not modified: the ETag sent in If-None-Match is current.")
  public RestResponse<byte[]> get(@PathParam("id") @Size(max = CatalogRules.ID_MAX) String id,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Size(max = 1000) @Parameter(description = "ETags of copies the client has.") String ifNoneMatch) {
    CatalogSnapshot snapshot = catalog.current();
    Entry<Routine> entry = snapshot.routine(id).orElseThrow(() -> new ProblemException.NotFound("routine", id));
    if (Http.notModified(ifNoneMatch, entry.etag())) {
      return Http.notModified(entry.etag());
    }
    return Http.cacheable(rendered.routine(snapshot, entry), entry.etag());
  }

  @NonBlocking // served from memory: no reason to leave the event loop
  @POST
  @Path("{id}/plan")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("catalog:read")
  @Operation(operationId = "planRoutine", summary = "Plan a routine for one person",
      description = "Turns the routine into an ordered plan for a sore side, the equipment at hand, pregnancy and a maximum difficulty: "
          + "each step with the exercise, the sides to work, the dosage and the instructions, and conditions on relief as fields a "
          + "client acts on. Steps that do not fit are swapped for the easiest listed regression that fits, or left out; "
          + "adjustments says which and why. Nothing is stored.")
  @APIResponse(responseCode = "200", description = "The plan.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanResponse.class)))
  public RestResponse<byte[]> plan(@PathParam("id") @Size(max = CatalogRules.ID_MAX) String id, @NotNull @Valid PlanRequest request) {
    CatalogSnapshot snapshot = catalog.current();
    Planner.Input input = request.toDomain();
    return RestResponse.ResponseBuilder.ok(rendered.plan(snapshot, id, input, () -> PlanResponse.of(catalog.plan(snapshot, id, input))),
        MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("catalog:write")
  @Audited(resource = "routine")
  @Operation(operationId = "createRoutine", summary = "Add a routine",
      description = "Adds a routine under a new id. Every step must name a live exercise, every source a known one.")
  @APIResponse(responseCode = "201", description = "Added; Location names it.", headers = {
      @Header(name = "Location", description = "URL of the new routine.", schema = @Schema(type = SchemaType.STRING)),
      @Header(name = "ETag", description = "Its entity tag, for a later If-Match.", schema = @Schema(type = SchemaType.STRING))},
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutineResponse.class)))
  @APIResponse(responseCode = "409", description = "A routine with this id exists already (retired ones included).",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  @APIResponse(responseCode = "422", description = "A step names an exercise that does not exist or is retired, or a source does not exist; "
      + "errors names it.",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  public RestResponse<RoutineResponse> create(@NotNull @Valid Routine request, UriInfo uri) {
    Entry<Routine> entry = catalog.afterWrite(writes.create(CatalogWrites.ROUTINE, request));
    return RestResponse.ResponseBuilder.<RoutineResponse>created(uri.getAbsolutePathBuilder().path(entry.id()).build())
        .entity(RoutineResponse.of(entry)).header(HttpHeaders.ETAG, entry.etag()).build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("catalog:write")
  @Audited(resource = "routine", id = "id")
  @Operation(operationId = "replaceRoutine", summary = "Replace a routine",
      description = "Replaces the whole definition; a retired routine becomes live again. If-Match must carry the current ETag.")
  @APIResponse(responseCode = "200", description = "Replaced.",
      headers = @Header(name = "ETag", description = "The new entity tag.", schema = @Schema(type = SchemaType.STRING)),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutineResponse.class)))
  @APIResponse(responseCode = "422", description = "A step names an exercise that does not exist or is retired, or a source does not exist; "
      + "errors names it.",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  public RestResponse<RoutineResponse> replace(@PathParam("id") @Size(max = CatalogRules.ID_MAX) String id,
      @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 1000) @Parameter(description = "The current ETag of the routine.", required = true) String ifMatch,
      @NotNull @Valid Routine request) {
    if (!id.equals(request.id())) {
      throw new ProblemException.BadRequest("id", "must equal the id in the path ('" + id + "')");
    }
    Entry<Routine> entry = catalog.afterWrite(writes.replace(CatalogWrites.ROUTINE, request, Http.ifMatch(ifMatch)));
    return Http.tagged(RoutineResponse.of(entry), entry.etag());
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed("catalog:write")
  @Audited(resource = "routine", action = "retire", id = "id")
  @Operation(operationId = "retireRoutine", summary = "Retire a routine",
      description = "Takes the routine out of the listing; it stays readable and plannable by id, with retired: true. "
          + "If-Match must carry the current ETag.")
  @APIResponse(responseCode = "200", description = "Retired.",
      headers = @Header(name = "ETag", description = "The new entity tag.", schema = @Schema(type = SchemaType.STRING)),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutineResponse.class)))
  public RestResponse<RoutineResponse> retire(@PathParam("id") @Size(max = CatalogRules.ID_MAX) String id,
      @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 1000) @Parameter(description = "The current ETag of the routine.", required = true) String ifMatch) {
    Entry<Routine> entry = catalog.afterWrite(writes.retire(CatalogWrites.ROUTINE, id, Http.ifMatch(ifMatch)));
    return Http.tagged(RoutineResponse.of(entry), entry.etag());
  }
}
