package care.sij.common;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Every answer under /v1, problems and the edge's early refusals included, carries
 * {@code Cache-Control: no-store}, so that no browser or proxy keeps a tenant's health data, unless
 * its endpoint set a Cache-Control of its own: only catalog's reads by id of what every tenant shares.
 * Quarkus's quarkus.http.header settings cannot say "unless": they set a header as a request begins,
 * and Quarkus REST adds an endpoint's own beside it, a second Cache-Control.
 */
@Singleton
class PrivateAnswers {
  static final String NO_STORE = "no-store";

  void install(@Observes Router router) {
    // first, with Quarkus's configured headers: before the edge's refusals (RequestGate) can answer
    router.route("/v1/*").order(Integer.MIN_VALUE).handler(ctx -> {
      ctx.addHeadersEndHandler(sending -> {
        MultiMap headers = ctx.response().headers();
        if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
          headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
      });
      ctx.next();
    });
  }
}
