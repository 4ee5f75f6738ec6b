package care.sij.progress.api;

import care.sij.common.Audited;
import care.sij.common.Caller;
import care.sij.common.Cursor;
import care.sij.common.Idempotency;
import care.sij.common.PageResponse;
import care.sij.common.ProblemException;
import care.sij.progress.domain.ExerciseSession;
import care.sij.progress.domain.PainEntries;
import care.sij.progress.domain.Sessions;
import care.sij.progress.domain.StoredResponses;
import io.smallrye.mutiny.Uni;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/patients/{patientId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exercise sessions", description = "Exercises done from the catalog, and how the pain responded.")
public class SessionResource {
  private final Sessions sessions;
  private final PainEntries entries;
  private final StoredResponses responses;
  private final Caller caller;

  SessionResource(Sessions sessions, PainEntries entries, StoredResponses responses, Caller caller) {
    this.sessions = sessions;
    this.entries = entries;
    this.responses = responses;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("progress:write")
  @Audited(resource = "session")
  @Operation(operationId = "addSession", summary = "Record an exercise session",
      description = "Exercise ids are checked against catalog-service: an unknown one gets 422. When the catalog cannot be reached "
          + "the session is stored anyway with verification \"pending\" and checked later. An exercise during which pain rose by 2 "
          + "points or more is flagged and raises an alert unless one for it is unresolved; once resolved, only a session in which "
          + "it hurts again raises a new one. Accepts an Idempotency-Key.")
  @APIResponse(responseCode = "201", description = "Stored (or, for a retry, the session stored before).",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionResponse.class)))
  @APIResponse(responseCode = "422", description = "An exercise id the catalog does not know, or an Idempotency-Key used with a different request.")
  public Uni<Response> add(@PathParam("patientId") UUID patientId, @NotNull @Valid SessionRequest request,
      @HeaderParam(Idempotency.HEADER) @Parameter(description = PainEntryResource.IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String key, UriInfo uri) {
    String tenant = caller.tenant();
    String path = uri.getPath();
    UriBuilder location = uri.getAbsolutePathBuilder(); // read here: the answer is built after the request's own thread moved on
    if (key != null) {
      return PainEntryResource.onWorker(() -> PainEntryResource.created(store(tenant, patientId, List.of(request), key, path,
          (s, e) -> "exercises[" + e + "].exerciseId", i -> "at", added -> SessionResponse.of(added.get(0)), request), location));
    }
    List<Sessions.NewSession> news = checked(List.of(request), i -> "at");
    // a worker asks the catalog (or its cached answers); no thread waits for the group's commit
    return PainEntryResource.onWorker(() -> verified(news, (s, e) -> "exercises[" + e + "].exerciseId"))
        .chain(verified -> PainEntryResource.onEventLoop(Uni.createFrom().completionStage(() -> sessions.submit(tenant, patientId, news, verified))))
        .map(added -> {
          SessionResponse body = SessionResponse.of(added.get(0));
          return PainEntryResource.created(201, body, body.id().toString(), location);
        });
  }

  @POST
  @Path("bulk")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("progress:write")
  @Audited(resource = "session")
  @Operation(operationId = "addSessions", summary = "Record up to 500 sessions at once",
      description = "For apps syncing after being offline: all sessions are stored, or none; errors name each bad record "
          + "(items[2].exercises[0].exerciseId). Accepts an Idempotency-Key.")
  @APIResponse(responseCode = "201", description = "All stored.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionResponse.Bulk.class)))
  @APIResponse(responseCode = "422", description = "An exercise id the catalog does not know, or an Idempotency-Key used with a different request.")
  public Response addAll(@PathParam("patientId") UUID patientId, @NotNull @Valid SessionRequest.Bulk request,
      @HeaderParam(Idempotency.HEADER) @Parameter(description = PainEntryResource.IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String key, UriInfo uri) {
    StoredResponses.Stored stored = store(caller.tenant(), patientId, request.items(), key, uri.getPath(),
        (s, e) -> "items[" + s + "].exercises[" + e + "].exerciseId", i -> "items[" + i + "].at",
        added -> new SessionResponse.Bulk(added.stream().map(SessionResponse::of).toList()), request);
    return Response.status(stored.status()).entity(stored.body()).build();
  }

  /**
   * Checks the exercises with the catalog, then stores the sessions: without a key grouped with other
   * writes, with one once per key together with its response.
   */
  private StoredResponses.Stored store(String tenant, UUID patientId, List<SessionRequest> requests, String key, String path,
      BiFunction<Integer, Integer, String> exerciseField, IntFunction<String> atField,
      Function<List<ExerciseSession>, Object> response, Object body) {
    List<Sessions.NewSession> news = checked(requests, atField);
    boolean verified = verified(news, exerciseField);
    return responses.write(tenant, patientId, key, new PainEntryResource.Keyed(path, body), 201,
        () -> response.apply(sessions.add(tenant, patientId, news, verified)),
        () -> response.apply(sessions.addInTransaction(tenant, patientId, news, verified)));
  }

  /** The sessions, once their times and the number of exercises they name are within bounds. */
  private List<Sessions.NewSession> checked(List<SessionRequest> requests, IntFunction<String> atField) {
    entries.checkTimes(requests.stream().map(SessionRequest::at).toList(), atField);
    List<Sessions.NewSession> news = requests.stream().map(SessionRequest::toDomain).toList();
    if (exerciseIds(news).size() > SessionRequest.MAX_DISTINCT_EXERCISES) {
      throw new ProblemException.BadRequest("items", "may name at most " + SessionRequest.MAX_DISTINCT_EXERCISES + " distinct exercises");
    }
    return news;
  }

  /**
   * Asks the catalog (its cached answers, or a call) and refuses exercises it does not know; whether it
   * answered (else the sessions are stored pending and checked later). A patient not the caller's gets 404 from the write.
   */
  private boolean verified(List<Sessions.NewSession> news, BiFunction<Integer, Integer, String> exerciseField) {
    Sessions.Check check = sessions.check(exerciseIds(news));
    Sessions.refuseUnknown(news, check.unknown(), exerciseField);
    return check.catalogAnswered();
  }

  private static Set<String> exerciseIds(List<Sessions.NewSession> news) {
    Set<String> ids = new LinkedHashSet<>();
    news.forEach(n -> n.exercises().forEach(e -> ids.add(e.exerciseId())));
    return ids;
  }

  @GET
  @RolesAllowed("progress:read")
  @Audited(resource = "session")
  @Operation(operationId = "listSessions", summary = "List exercise sessions",
      description = "Newest first, a page at a time, optionally between from and to (ISO-8601 instants, inclusive).")
  public RestResponse<PageResponse<SessionResponse>> list(@PathParam("patientId") UUID patientId,
      @QueryParam("from") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant from, @QueryParam("to") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant to,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit, @QueryParam("cursor") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) Cursor cursor, UriInfo uri) {
    List<ExerciseSession> fetched = sessions.list(caller.tenant(), patientId, from, to,
        cursor, limit + 1);
    return PageResponse.of(fetched, limit, s -> new Cursor(s.at, s.id), SessionResponse::of, uri);
  }
}
