package care.sij.common;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first handler of every request, where nothing has been read or allocated for it yet. It refuses
 * with problem+json what no endpoint should see: a request target or headers over their bounds, a
 * control character in a query value, more requests at once than the service takes (503 rather than
 * a queue whose wait grows without bound), and a body that is too large or whose sender has not shown
 * a valid bearer token (401 before a byte of the body is read, so that strangers cost no memory).
 *
 * <p>Then it reads a body sent over HTTP/1.x whole on the event loop, growing with what arrives, and
 * hands it to Quarkus REST as read. Otherwise a blocking endpoint's worker thread (all of ours) waits
 * for it piece by piece, each piece passed under the connection's lock, which the event loop then
 * contends for.
 */
@Singleton
class RequestGate {
  private static final Logger LOG = Logger.getLogger(RequestGate.class);
  private static final String BEARER = "Bearer ";
  /** Just after the request's start time and body handling of Quarkus (RouteConstants), before anything else. */
  private static final int FIRST = Integer.MIN_VALUE + 2;

  private final long maxBodyBytes;
  private final HttpLimits limits;
  private final JWTParser tokens;
  private final AtomicInteger underWay = new AtomicInteger();

  RequestGate(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize, HttpLimits limits, JWTParser tokens) {
    this.maxBodyBytes = maxBodySize.asLongValue();
    this.limits = limits;
    this.tokens = tokens;
  }

  void install(@Observes Router router) {
    // before Quarkus's own handlers (security, observability), which read the path and may fail on it
    router.route().order(FIRST).handler(this::handle);
    // what Vert.x Web itself refuses (a malformed path, no route, a failed handler) is problem+json too:
    // failures reach the first failure handler, before Quarkus's own, which answers with an empty body
    router.route().order(FIRST).failureHandler(ctx -> {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : ctx.failure() != null && DatabaseDown.causes(ctx.failure()) ? 503 : 500;
      if (status == 503) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(limits.retryAfterSeconds()));
      }
      refuse(ctx, edgeProblem(ctx, status), true);
    });
    for (int status : new int[] {400, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
      router.errorHandler(status, ctx -> refuse(ctx, edgeProblem(ctx, status), status == 413 || status >= 500));
    }
  }

  private static Problem edgeProblem(RoutingContext ctx, int status) {
    String path = ctx.request().path();
    return switch (status) {
      case 400 -> Problem.of(400, "malformed-request", "Malformed request", "the request line or its encoding is not valid", null);
      case 404 -> Problem.of(404, "not-found", "Not Found", "nothing exists at this path", path);
      case 405 -> Problem.of(405, "method-not-allowed", "Method Not Allowed", "this path does not support the method used", path);
      case 406 -> Problem.of(406, "not-acceptable", "Not Acceptable", "this resource cannot produce the media type asked for in Accept", path);
      case 413 -> Problem.of(413, "payload-too-large", "Payload too large", "the request body is too large", path);
      case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported Media Type", "send the body as application/json", path);
      case 414 -> Problem.of(414, "uri-too-long", "URI too long", "the path and query are too long", null);
      case 431 -> Problem.of(431, "headers-too-large", "Request header fields too large", "the headers are too large", path);
      case 503 -> Problem.of(503, "unavailable", "Service unavailable", "the service cannot handle this request now; retry after the "
          + "seconds in Retry-After", path);
      default -> {
        if (status < 500) {
          String reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
          yield Problem.of(status, reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), reason, reason, path);
        }
        LOG.errorf(ctx.failure(), "Unexpected failure on %s", path);
        yield Problem.of(status, "internal", "Internal error", "the service failed to handle this request", path);
      }
    };
  }

  private void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.uri().length() > limits.maxUriLength()) {
      refuse(ctx, Problem.of(414, "uri-too-long", "URI too long",
          "the path and query are longer than " + limits.maxUriLength() + " bytes", null), true);
      return;
    }
    if (!wellFormed(request.uri())) {
      refuse(ctx, Problem.of(400, "malformed-request", "Malformed request", "the request target is not a well-formed URI"
          + " (a % must start a percent-encoded byte)", null), true);
      return;
    }
    if (headerBytes(request.headers()) > limits.maxHeaderSize()) {
      refuse(ctx, Problem.of(431, "headers-too-large", "Request header fields too large",
          "the headers are larger than " + limits.maxHeaderSize() + " bytes", request.path()), true);
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    long declared = length == null ? -1 : declared(length);
    boolean hasBody = declared > 0 || length == null && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    List<Problem.FieldError> badQuery = controlCharacters(ctx);
    if (!badQuery.isEmpty()) { // a body left unread would be taken for the next request: the connection goes with it
      refuse(ctx, Problem.of(400, "validation", "Invalid request", badQuery.size() == 1 ? "1 field is invalid"
          : badQuery.size() + " fields are invalid", request.path()).withErrors(badQuery), hasBody);
      return;
    }
    if (!hasBody) {
      admit(ctx, false, ctx::next); // no body, or a length Quarkus answers itself
    } else if (declared > maxBodyBytes) {
      tooLarge(ctx);
    } else {
      afterToken(ctx, () -> {
        if (request.getHeader(HttpHeaders.CONTENT_TYPE) == null) { // every body we take is JSON, and says so
          refuse(ctx, edgeProblem(ctx, 415), true);
        } else {
          admit(ctx, true, () -> readBody(ctx));
        }
      });
    }
  }

  /**
   * Goes on while fewer requests than the limit are under way; else 503 at once, not a place in a
   * queue. Only the API under /v1 is counted: the contract and Swagger UI are never refused for load.
   */
  private void admit(RoutingContext ctx, boolean unreadBody, Runnable then) {
    if (!ctx.request().path().startsWith("/v1/")) {
      then.run();
      return;
    }
    if (underWay.incrementAndGet() > limits.maxConcurrentRequests()) {
      underWay.decrementAndGet();
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(limits.retryAfterSeconds()));
      refuse(ctx, Problem.of(503, "overloaded", "Service overloaded", "the service is at its limit of "
          + limits.maxConcurrentRequests() + " requests at once; retry after the seconds in Retry-After", ctx.request().path()),
          unreadBody);
      return;
    }
    ctx.addEndHandler(ended -> underWay.decrementAndGet());
    then.run();
  }

  /** Goes on only for a bearer token that verifies: checked on the event loop when remembered, else on a worker. */
  private void afterToken(RoutingContext ctx, Runnable then) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      unauthorized(ctx);
      return;
    }
    String token = authorization.substring(BEARER.length()).trim();
    if (VerifiedTokens.isRemembered(token)) {
      then.run();
      return;
    }
    ctx.vertx().<Boolean>executeBlocking(() -> {
      try {
        tokens.parse(token);
        return true;
      } catch (Exception e) {
        return false;
      }
    }, false).onComplete(verified -> {
      if (verified.succeeded() && verified.result()) {
        then.run();
      } else {
        unauthorized(ctx);
      }
    });
  }

  private void readBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.version() == HttpVersion.HTTP_2) {
      // Quarkus REST pauses the request it takes, which Vert.x refuses for an HTTP/2 request already
      // read (500, quarkusio/quarkus#34393): over HTTP/2 it reads the body itself, with its own limit
      ctx.next();
      return;
    }
    Buffer body = Buffer.buffer(); // grows with what arrives, never to the length a sender declares
    request.handler(chunk -> {
      if (body.length() + chunk.length() > maxBodyBytes) { // sent in chunks, without a length
        request.handler(null).endHandler(null);
        tooLarge(ctx);
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.endHandler(end -> {
      ctx.setBody(body);
      ctx.next();
    });
    request.exceptionHandler(e -> LOG.debugf("request body not read whole: %s", e)); // the client went away
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      ctx.response().writeContinue(); // curl, for one, waits for it before sending a body over 1 kB
    }
    request.resume();
  }

  private void tooLarge(RoutingContext ctx) {
    refuse(ctx, Problem.of(413, "payload-too-large", "Payload too large",
        "the request body is larger than " + maxBodyBytes + " bytes", ctx.request().path()), true);
  }

  private static void unauthorized(RoutingContext ctx) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    refuse(ctx, Problem.unauthorized(ctx.request().path()), true);
  }

  /** Answers with the problem; closes an HTTP/1.x connection whose unread body would otherwise follow. */
  static void refuse(RoutingContext ctx, Problem problem, boolean close) {
    var response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) { // too late for another answer: the client sees the connection end instead
      ctx.request().connection().close();
      return;
    }
    boolean closeIt = close && ctx.request().version() != HttpVersion.HTTP_2;
    if (closeIt) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(Json.encode(problem))
        .onComplete(sent -> {
          if (closeIt) {
            ctx.request().connection().close();
          }
        });
  }

  /**
   * Quarkus checks this itself before any handler and answers a malformed target with an empty 400;
   * the services start with -Dvertx.disableURIValidation=true so that the check is made here instead.
   */
  private static boolean wellFormed(String uri) {
    try {
      new java.net.URI(uri);
      return true;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static long headerBytes(MultiMap headers) {
    long bytes = 0;
    for (Map.Entry<String, String> header : headers) {
      bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
    }
    return bytes;
  }

  /** The path (decoded) and query parameters holding a control character, each named. */
  private static List<Problem.FieldError> controlCharacters(RoutingContext ctx) {
    try {
      if (PlainText.problem(QueryStringDecoder.decodeComponent(ctx.request().path(), StandardCharsets.UTF_8)) != null) {
        return List.of(new Problem.FieldError("path", PlainText.CONTROL_CHARACTERS));
      }
    } catch (IllegalArgumentException malformed) {
      return List.of(new Problem.FieldError("path", "is not well-formed percent-encoding"));
    }
    String query = ctx.request().query();
    if (query == null || query.isEmpty()) {
      return List.of();
    }
    MultiMap parameters;
    try {
      parameters = ctx.queryParams();
    } catch (RuntimeException malformed) {
      return List.of(new Problem.FieldError("query", "is not a well-formed query string"));
    }
    return parameters.entries().stream().filter(p -> PlainText.problem(p.getKey()) != null || PlainText.problem(p.getValue()) != null)
        .map(p -> new Problem.FieldError(p.getKey(), PlainText.CONTROL_CHARACTERS)).distinct().toList();
  }

  /** The Content-Length, or -1 when it is not a number. */
  private static long declared(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
