package care.sij.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an oversized body with 413 problem+json before anything reads it. Quarkus enforces the
 * same limit further down, but with an empty body.
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
        Problem problem = Problem.of(413, "payload-too-large", "Payload too large",
            "the request body is larger than " + maxBytes + " bytes", ctx.request().path());
        ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
            .putHeader("Connection", "close").end(Json.encode(problem));
      } else {
        ctx.next();
      }
    });
  }

  private boolean isOver(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
