package care.sij.progress.api;

import care.sij.common.Audited;
import care.sij.common.Caller;
import care.sij.common.Cursor;
import care.sij.common.Idempotency;
import care.sij.common.PageResponse;
import care.sij.progress.domain.Alerts;
import care.sij.progress.domain.PainEntries;
import care.sij.progress.domain.PainEntry;
import care.sij.progress.domain.StoredResponses;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/patients/{patientId}/pain-entries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pain entries", description = "Pain scores over time, with optional red-flag answers.")
public class PainEntryResource {
  private final PainEntries entries;
  private final Alerts alerts;
  private final StoredResponses responses;
  private final Caller caller;

  PainEntryResource(PainEntries entries, Alerts alerts, StoredResponses responses, Caller caller) {
    this.entries = entries;
    this.alerts = alerts;
    this.responses = responses;
    this.caller = caller;
  }

  static final String IDEMPOTENCY_KEY = Idempotency.HEADER_DESCRIPTION + " The stored response is kept 24 hours (configurable: "
      + "PROGRESS_IDEMPOTENCY_RETENTION), then deleted, and goes at once with its patient's erasure: a retry after that is a "
      + "new write, which for an erased patient answers 404.";

  /** What an Idempotency-Key stands for: this body, sent to this path. */
  record Keyed(String path, Object body) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("progress:write")
  @Audited(resource = "pain-entry")
  @Operation(operationId = "addPainEntry", summary = "Record a pain entry",
      description = "Stores a pain score. Red-flag answers that are present raise an alert at once and ask triage-service for a "
          + "disposition. With an Idempotency-Key, a retry with the same body returns the stored entry and stores nothing new.")
  @APIResponse(responseCode = "201", description = "Stored (or, for a retry, the entry stored before).",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PainEntryResponse.class)))
  @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with a different request.")
  public Uni<Response> add(@PathParam("patientId") UUID patientId, @NotNull @Valid PainEntryRequest request,
      @HeaderParam(Idempotency.HEADER) @Parameter(description = PainEntryResource.IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String key, UriInfo uri) {
    String tenant = caller.tenant();
    String path = uri.getPath();
    UriBuilder location = uri.getAbsolutePathBuilder(); // read here: the answer is built after the request's own thread moved on
    if (key != null) { // the key's record commits with the entry, in a transaction that blocks
      return onWorker(() -> created(store(tenant, patientId, List.of(request), i -> "at", key, path, request,
          added -> PainEntryResponse.of(added.entries().get(0), added.redFlagAlerts())), location));
    }
    entries.checkTimes(List.of(request.at()), i -> "at");
    // no thread waits for the group's commit: the event loop builds the answer when it completes
    return onEventLoop(Uni.createFrom().completionStage(() -> entries.submit(tenant, patientId, List.of(request.toDomain()))))
        .map(added -> PainEntryResponse.of(added.entries().get(0), added.redFlagAlerts()))
        .call(body -> body.redFlagAlertId() == null ? Uni.createFrom().voidItem() : onWorker(() -> alerts.askTriagePending(patientId)))
        .map(body -> created(201, body, body.id().toString(), location));
  }

  /** Blocking work on a worker of Quarkus's pool; what it needs of the request is read before. */
  static <T> Uni<T> onWorker(Supplier<T> work) {
    return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /** The item on the request's event loop: a group's writer, which the next group waits for, only hands it over. */
  static <T> Uni<T> onEventLoop(Uni<T> uni) {
    Context context = Vertx.currentContext();
    return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
  }

  /** The stored response of a single write, with Location naming what it created. */
  static Response created(StoredResponses.Stored stored, UriBuilder location) {
    return created(stored.status(), stored.body(), stored.body().path("id").asText(), location);
  }

  static Response created(int status, Object body, String id, UriBuilder location) {
    return Response.status(status).entity(body).location(location.path(id).build()).build();
  }

  @POST
  @Path("bulk")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("progress:write")
  @Audited(resource = "pain-entry")
  @Operation(operationId = "addPainEntries", summary = "Record up to 500 pain entries at once",
      description = "For apps syncing after being offline: all entries are stored, or none; errors name each bad record "
          + "(items[3].score). Accepts an Idempotency-Key like the single write.")
  @APIResponse(responseCode = "201", description = "All stored.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PainEntryResponse.Bulk.class)))
  @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with a different request.")
  public Response addAll(@PathParam("patientId") UUID patientId, @NotNull @Valid PainEntryRequest.Bulk request,
      @HeaderParam(Idempotency.HEADER) @Parameter(description = PainEntryResource.IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String key, UriInfo uri) {
    StoredResponses.Stored stored = store(caller.tenant(), patientId, request.items(), i -> "items[" + i + "].at", key, uri.getPath(), request,
        added -> new PainEntryResponse.Bulk(added.entries().stream().map(e -> PainEntryResponse.of(e, added.redFlagAlerts())).toList()));
    return Response.status(stored.status()).entity(stored.body()).build();
  }

  /**
   * Stores the entries: without a key grouped with other writes, with one once per key together with
   * its response; then puts red flags just raised to triage-service (what fails there is retried in
   * the background).
   */
  private StoredResponses.Stored store(String tenant, UUID patientId, List<PainEntryRequest> requests, IntFunction<String> atField,
      String key, String path, Object body, Function<PainEntries.Added, Object> response) {
    entries.checkTimes(requests.stream().map(PainEntryRequest::at).toList(), atField);
    List<PainEntries.NewEntry> news = requests.stream().map(PainEntryRequest::toDomain).toList();
    StoredResponses.Stored stored = responses.write(tenant, patientId, key, new Keyed(path, body), 201,
        () -> response.apply(entries.add(tenant, patientId, news)), () -> response.apply(entries.addInTransaction(tenant, patientId, news)));
    if (!stored.replayed() && stored.body().findValues("redFlagAlertId").stream().anyMatch(v -> !v.isNull())) {
      alerts.askTriagePending(patientId);
    }
    return stored;
  }

  @GET
  @RolesAllowed("progress:read")
  @Audited(resource = "pain-entry")
  @Operation(operationId = "listPainEntries", summary = "List pain entries",
      description = "Newest first, a page at a time, optionally between from and to (ISO-8601 instants, inclusive).")
  public RestResponse<PageResponse<PainEntryResponse>> list(@PathParam("patientId") UUID patientId,
      @QueryParam("from") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant from, @QueryParam("to") @Parameter(description = "ISO-8601 instant from 2000-01-01T00:00:00Z up to now.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) Instant to,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit, @QueryParam("cursor") @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = Cursor.MAX_LENGTH)) Cursor cursor, UriInfo uri) {
    List<PainEntry> fetched = entries.list(caller.tenant(), patientId, from, to,
        cursor, limit + 1);
    return PageResponse.of(fetched, limit, e -> new Cursor(e.at, e.id), e -> PainEntryResponse.of(e, Map.of()), uri);
  }
}
