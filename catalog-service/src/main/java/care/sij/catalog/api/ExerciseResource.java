package care.sij.catalog.api;

import care.sij.common.Audited;
import care.sij.catalog.domain.Catalog;
import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.CatalogSnapshot;
import care.sij.catalog.domain.CatalogWrites;
import care.sij.catalog.domain.Exercise;
import care.sij.catalog.domain.Entry;
import care.sij.catalog.domain.ExerciseQuery;
import care.sij.common.Problem;
import care.sij.common.ProblemException;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Max;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/exercises")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exercises", description = "Every exercise, stretch, mobilization, isometric correction and support the sources describe.")
public class ExerciseResource {
  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  private final Catalog catalog;
  private final CatalogWrites writes;
  private final Rendered rendered;

  ExerciseResource(Catalog catalog, CatalogWrites writes, Rendered rendered) {
    this.catalog = catalog;
    this.writes = writes;
    this.rendered = rendered;
  }

  @NonBlocking // served from memory: no reason to leave the event loop
  @GET
  @RolesAllowed("catalog:read")
  @Operation(operationId = "listExercises", summary = "Search exercises",
      description = "Exercises that are not retired, a page at a time. q finds words in names, aliases, targets and goals, ignoring case, "
          + "spaces and punctuation (\"clamshell\", \"clam shell\" and \"clam-shell\" are the same); the filters narrow the list. "
          + "Follow the Link header for other pages.")
  @APIResponse(responseCode = "200", description = "One page of matching exercises.",
      headers = @Header(name = "Link", description = "RFC 8288 links to the first, prev, next and last pages.", schema = @Schema(type = SchemaType.STRING)),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExercisePage.class)))
  public RestResponse<byte[]> list(
      @QueryParam("q") @Size(max = 200) @Parameter(description = "Words to find in name, aliases, targets and goals, up to 200 characters.", example = "clam shell") String q,
      @QueryParam("category") @Parameter(description = "Only this kind of exercise.", schema = @Schema(implementation = Exercise.Category.class))
      Exercise.Category category,
      @QueryParam("goal") @Parameter(description = "Only exercises serving this goal.", schema = @Schema(implementation = Exercise.Goal.class))
      Exercise.Goal goal,
      @QueryParam("position") @Parameter(description = "Only exercises starting in this position.",
          schema = @Schema(implementation = Exercise.Position.class)) Exercise.Position position,
      @QueryParam("laterality") @Parameter(description = "Only exercises that work the sides this way.",
          schema = @Schema(implementation = Exercise.LateralityMode.class)) Exercise.LateralityMode laterality,
      @QueryParam("maxDifficulty") @Min(CatalogRules.DIFFICULTY_MIN) @Max(CatalogRules.DIFFICULTY_MAX)
      @Parameter(description = "Only exercises this hard or easier, 1 to 5.",
          schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "5")) Integer maxDifficulty,
      @QueryParam("equipment") @Parameter(description = "What the person has, repeatable: an exercise matches when it needs nothing else; "
          + "one that needs nothing always matches. Give none alone for \"nothing at hand\". Absent: equipment does not filter.",
          schema = @Schema(type = SchemaType.ARRAY, implementation = EquipmentAtHand.class, maxItems = MAX_EQUIPMENT))
      @Size(max = MAX_EQUIPMENT) List<EquipmentAtHand> equipment,
      @QueryParam("page") @DefaultValue("1") @Min(1) @Parameter(description = "Page, from 1.",
          schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "2147483647", defaultValue = "1")) int pageNumber,
      @QueryParam("size") @DefaultValue("" + DEFAULT_PAGE_SIZE) @Min(1) @Max(MAX_PAGE_SIZE) @Parameter(description = "Exercises per page, at most 100.",
          schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) int pageSize,
      UriInfo uri) {
    ExerciseQuery query = new ExerciseQuery(q, category, goal, position, laterality, maxDifficulty, equipment(equipment));
    Rendered.Page found = rendered.searchPage(catalog.current(), query, pageNumber, pageSize);
    return RestResponse.ResponseBuilder.ok(found.json(), MediaType.APPLICATION_JSON_TYPE)
        .header("Link", Http.pageLinks(uri, pageNumber, pageSize, found.total())).build();
  }

  /** Each kind of equipment once: a bound on the query's work. */
  public static final int MAX_EQUIPMENT = 11;

  private static Set<Exercise.Equipment> equipment(List<EquipmentAtHand> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    Set<Exercise.Equipment> have = EnumSet.noneOf(Exercise.Equipment.class);
    for (EquipmentAtHand word : values) {
      if (word == EquipmentAtHand.none && values.size() > 1) {
        throw new ProblemException.BadRequest("equipment", "none cannot be combined with equipment");
      }
      if (word != null && word.equipment() != null) {
        have.add(word.equipment());
      }
    }
    return have;
  }

  @NonBlocking // served from memory: no reason to leave the event loop
  @GET
  @Path("{id}")
  @RolesAllowed("catalog:read")
  @Operation(operationId = "getExercise", summary = "Read an exercise",
      description = "One exercise by id, retired ones included (with retired: true), so that old references keep working. "
          + "Send If-None-Match with the ETag you have to get 304 when it has not changed.")
  @APIResponse(responseCode = "200", description = "The exercise.", headers = {
      @Header(name = "ETag", description = "Strong entity tag of this representation.", schema = @Schema(type = SchemaType.STRING)),
      @Header(name = "Cache-Control", description = "public, max-age=300: shared caches may keep it.", schema = @Schema(type = SchemaType.STRING))},
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExerciseResponse.class)))
  @APIResponse(responseCode = "304", description = "Not modified: the ETag sent in If-None-Match is current.")
  public RestResponse<byte[]> get(@PathParam("id") @Size(max = CatalogRules.ID_MAX) String id,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) @Size(max = 1000) @Parameter(description = "ETags of copies the client has.") String ifNoneMatch) {
    CatalogSnapshot snapshot = catalog.current();
    Entry<Exercise> entry = snapshot.exercise(id).orElseThrow(() -> new ProblemException.NotFound("exercise", id));
    if (Http.notModified(ifNoneMatch, entry.etag())) {
      return Http.notModified(entry.etag());
    }
    return Http.cacheable(rendered.exercise(snapshot, entry), entry.etag());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("catalog:write")
  @Audited(resource = "exercise")
  @Operation(operationId = "createExercise", summary = "Add an exercise",
      description = "Adds an exercise under a new id. Its progressions and regressions must name live exercises, its sources known sources.")
  @APIResponse(responseCode = "201", description = "Added; Location names it.", headers = {
      @Header(name = "Location", description = "URL of the new exercise.", schema = @Schema(type = SchemaType.STRING)),
      @Header(name = "ETag", description = "Its entity tag, for a later If-Match.", schema = @Schema(type = SchemaType.STRING))},
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExerciseResponse.class)))
  @APIResponse(responseCode = "409", description = "An exercise with this id exists already (retired ones included).",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  @APIResponse(responseCode = "422", description = "A progression, regression or source does not exist; errors names it.",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  public RestResponse<ExerciseResponse> create(@NotNull @Valid Exercise request, UriInfo uri) {
    Entry<Exercise> entry = catalog.afterWrite(writes.create(CatalogWrites.EXERCISE, request));
    return RestResponse.ResponseBuilder.<ExerciseResponse>created(uri.getAbsolutePathBuilder().path(entry.id()).build())
        .entity(ExerciseResponse.of(entry)).header(HttpHeaders.ETAG, entry.etag()).build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("catalog:write")
  @Audited(resource = "exercise", id = "id")
  @Operation(operationId = "replaceExercise", summary = "Replace an exercise",
      description = "Replaces the whole definition; a retired exercise becomes live again. If-Match must carry the current ETag.")
  @APIResponse(responseCode = "200", description = "Replaced.",
      headers = @Header(name = "ETag", description = "The new entity tag.", schema = @Schema(type = SchemaType.STRING)),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExerciseResponse.class)))
  @APIResponse(responseCode = "422", description = "A progression, regression or source does not exist; errors names it.",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  public RestResponse<ExerciseResponse> replace(@PathParam("id") @Size(max = CatalogRules.ID_MAX) String id,
      @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 1000) @Parameter(description = "The current ETag of the exercise.", required = true) String ifMatch,
      @NotNull @Valid Exercise request) {
    if (!id.equals(request.id())) {
      throw new ProblemException.BadRequest("id", "must equal the id in the path ('" + id + "')");
    }
    Entry<Exercise> entry = catalog.afterWrite(writes.replace(CatalogWrites.EXERCISE, request, Http.ifMatch(ifMatch)));
    return Http.tagged(ExerciseResponse.of(entry), entry.etag());
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed("catalog:write")
  @Audited(resource = "exercise", action = "retire", id = "id")
  @Operation(operationId = "retireExercise", summary = "Retire an exercise",
      description = "Takes the exercise out of listings and plans; it stays readable by id with retired: true. "
          + "If-Match must carry the current ETag.")
  @APIResponse(responseCode = "200", description = "Retired.",
      headers = @Header(name = "ETag", description = "The new entity tag.", schema = @Schema(type = SchemaType.STRING)),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExerciseResponse.class)))
  public RestResponse<ExerciseResponse> retire(@PathParam("id") @Size(max = CatalogRules.ID_MAX) String id,
      @HeaderParam(HttpHeaders.IF_MATCH) @Size(max = 1000) @Parameter(description = "The current ETag of the exercise.", required = true) String ifMatch) {
    Entry<Exercise> entry = catalog.afterWrite(writes.retire(CatalogWrites.EXERCISE, id, Http.ifMatch(ifMatch)));
    return Http.tagged(ExerciseResponse.of(entry), entry.etag());
  }
}
