package care.sij.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Answers an oversized body with 413 problem+json before anything reads it. Quarkus enforces the
 * same limit further down, but with an empty body.
 *
 * <p>Then reads a body sent over HTTP/1.x whole on the event loop, up to the same limit, and hands it
 * to Quarkus REST as read. Otherwise a blocking endpoint's worker thread (all of ours) waits for it
 * piece by piece, each piece passed under the connection's lock, which the event loop then contends
 * for: on a progress write under load that was three fifths of the event loop's CPU samples (bench/,
 * Flight Recorder). Vert.x's BodyHandler does the same with more work per request (slower on a
 * catalog plan).
 */
@Singleton
class BodyLimit {
  private static final Logger LOG = Logger.getLogger(BodyLimit.class);
  private final long maxBytes;

  BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.maxBytes = maxBodySize.asLongValue();
  }

  void install(@Observes Router router) {
    router.route().order(-100).handler(ctx -> {
      HttpServerRequest request = ctx.request();
      String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
      long declared = length == null ? -1 : declared(length);
      if (declared > maxBytes) {
        tooLarge(ctx);
      } else if (request.version() == HttpVersion.HTTP_2) {
        // Quarkus REST pauses the request it takes, which Vert.x refuses for an HTTP/2 request already
        // read (500, quarkusio/quarkus#34393): over HTTP/2 it reads the body itself, with its own limit
        ctx.next();
      } else if (declared > 0 || length == null && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
        readWhole(ctx, declared > 0 ? (int) declared : 256);
      } else {
        ctx.next(); // no body, or a length Quarkus answers itself
      }
    });
  }

  private void readWhole(RoutingContext ctx, int expected) {
    HttpServerRequest request = ctx.request();
    Buffer body = Buffer.buffer(expected);
    request.handler(chunk -> {
      if (body.length() + chunk.length() > maxBytes) { // sent in chunks, without a length
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
    Problem problem = Problem.of(413, "payload-too-large", "Payload too large",
        "the request body is larger than " + maxBytes + " bytes", ctx.request().path());
    ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Connection", "close").end(Json.encode(problem));
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
