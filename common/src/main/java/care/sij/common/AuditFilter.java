package care.sij.common;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Leaves one event in the audit trail for each call to an {@link Audited} operation by a known
 * tenant, whatever its outcome (a refusal too). A write is answered only once its event is stored;
 * when it cannot be, the answer becomes 503 and the client's retry with its Idempotency-Key is
 * audited instead. Every answer carries the request's id (X-Request-Id, the caller's if it sent a sound one).
 */
class AuditFilter {
  static final String REQUEST_ID = "X-Request-Id";
  private static final Pattern SOUND_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Audited NOT_AUDITED = NotAudited.class.getDeclaredMethods()[0].getAnnotation(Audited.class);

  private final AuditTrail trail;
  private final Map<Method, Audited> audited = new ConcurrentHashMap<>();

  AuditFilter(AuditTrail trail) {
    this.trail = trail;
  }

  @ServerResponseFilter
  public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
    String requestId = request.getHeaderString(REQUEST_ID);
    if (requestId == null || !SOUND_REQUEST_ID.matcher(requestId).matches()) {
      requestId = UUID.randomUUID().toString();
    }
    response.getHeaders().putSingle(REQUEST_ID, requestId);
    Method method = resource == null ? null : resource.getResourceMethod();
    Audited operation = method == null ? null : audited.computeIfAbsent(method, m -> {
      Audited a = m.getAnnotation(Audited.class);
      return a == null ? NOT_AUDITED : a;
    });
    if (operation == null || operation == NOT_AUDITED
        || !(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().voidItem();
    }
    Caller.Who who = Caller.of(token);
    String tenant = who.tenant();
    String onBehalfOf = request.getHeaderString(Caller.ON_BEHALF_OF_TENANT);
    if (onBehalfOf != null && response.getStatus() < 400 && token.getGroups().stream().anyMatch(g -> g.endsWith(":delegate"))) {
      tenant = onBehalfOf; // a service acted for this tenant: the event is the tenant's, naming the service as client
    }
    if (tenant == null) {
      return Uni.createFrom().voidItem();
    }
    String action = operation.action().isEmpty() ? action(request.getMethod()) : operation.action();
    Object entity = response.getEntity();
    Audited.Record record = entity instanceof Audited.Record r && response.getStatus() < 300 ? r : null;
    AuditEvent event = new AuditEvent(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), tenant,
        who.subject(), who.client(), action, operation.resource(), resourceId(operation, request, response, record),
        patientId(operation, request, record), response.getStatus(), requestId);
    var stored = trail.record(event);
    if (action.equals("read")) { // its event follows within a second; only a full queue refuses it
      return stored.toCompletableFuture().isCompletedExceptionally() ? unavailable(request, response) : Uni.createFrom().voidItem();
    }
    return Uni.createFrom().completionStage(stored).ifNoItem().after(trail.writeWait()).fail()
        .onItemOrFailure().transformToUni((done, failure) -> failure == null ? Uni.createFrom().voidItem() : unavailable(request, response));
  }

  private static Uni<Void> unavailable(ContainerRequestContext request, ContainerResponseContext response) {
    response.setStatus(503);
    response.getHeaders().remove("Location");
    response.getHeaders().putSingle("Retry-After", "2");
    response.getHeaders().putSingle("Content-Type", Problem.MEDIA_TYPE);
    response.setEntity(Problem.of(503, "unavailable", "Service unavailable",
        "the access could not be recorded in the audit trail; retry (a write with the same Idempotency-Key)",
        request.getUriInfo().getPath()));
    return Uni.createFrom().voidItem();
  }

  private static String action(String httpMethod) {
    return switch (httpMethod) {
      case "GET", "HEAD" -> "read";
      case "PUT", "PATCH" -> "change";
      case "DELETE" -> "erase";
      default -> "create";
    };
  }

  private static String resourceId(Audited operation, ContainerRequestContext request, ContainerResponseContext response,
      Audited.Record record) {
    if (!operation.id().isEmpty()) {
      return request.getUriInfo().getPathParameters().getFirst(operation.id());
    }
    if (record != null) {
      return record.auditId();
    }
    Object location = response.getHeaders().getFirst("Location");
    if (location != null && response.getStatus() < 300) {
      String path = location instanceof URI uri ? uri.getPath() : URI.create(location.toString()).getPath();
      return path.substring(path.lastIndexOf('/') + 1);
    }
    return null;
  }

  private static String patientId(Audited operation, ContainerRequestContext request, Audited.Record record) {
    var path = request.getUriInfo().getPathParameters();
    if (!operation.patient().isEmpty()) {
      return path.getFirst(operation.patient());
    }
    if (record != null && record.auditPatient() != null) {
      return record.auditPatient();
    }
    String inPath = path.getFirst("patientId");
    if (inPath != null) {
      return inPath;
    }
    var query = request.getUriInfo().getQueryParameters();
    String asked = query.getFirst("patientId") != null ? query.getFirst("patientId") : query.getFirst("patientRef");
    return asked == null || asked.length() > 200 ? null : asked;
  }

  /** Stands for "no annotation" in the cache, which holds no nulls. */
  private static final class NotAudited {
    @Audited(resource = "")
    void none() {}
  }
}
