package care.sij.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an oversized body with 413 problem+json before anything reads it. Quarkus enforces the
 * same limit further down, but with an empty body.
 *
 * <p>Then reads a request's body whole on the event loop, up to the same limit. Quarkus REST would
 * otherwise hand the body of a blocking endpoint (all of ours) to its worker thread piece by piece,
 * each piece under a lock the two threads take turns on: a fifth of the CPU samples of a progress
 * write under load were there (bench/, Flight Recorder). With the body read, it takes it as is.
 */
@Singleton
class BodyLimit {
  private final long maxBytes;

  BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.maxBytes = maxBodySize.asLongValue();
  }

  void install(@Observes Router router) {
    router.route().order(-100).handler(ctx -> {
      String length = ctx.request().getHeader("Content-Length");
      if (length != null && isOver(length)) {
        tooLarge(ctx);
      } else {
        ctx.next();
      }
    });
    BodyHandler wholeBody = BodyHandler.create(false).setBodyLimit(maxBytes);
    router.route().order(-99).method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
        .handler(ctx -> {
          if (hasBody(ctx)) {
            wholeBody.handle(ctx);
          } else {
            ctx.next(); // Quarkus answers a missing body itself (the buffered empty one would leave it waiting)
          }
        })
        .failureHandler(ctx -> { // a chunked body that grew past the limit
          if (ctx.statusCode() == 413) {
            tooLarge(ctx);
          } else {
            ctx.next();
          }
        });
  }

  private void tooLarge(RoutingContext ctx) {
    Problem problem = Problem.of(413, "payload-too-large", "Payload too large",
        "the request body is larger than " + maxBytes + " bytes", ctx.request().path());
    ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Connection", "close").end(Json.encode(problem));
  }

  private static boolean hasBody(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    return length != null ? !length.trim().equals("0") : ctx.request().getHeader("Transfer-Encoding") != null;
  }

  private boolean isOver(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
