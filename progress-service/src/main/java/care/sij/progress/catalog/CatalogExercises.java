package care.sij.progress.catalog;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Exercise lookups, cached (catalog content changes rarely) and retried (a read is safe to repeat).
 * Throws when the catalog cannot answer, so that nothing but an answer is cached; the caller
 * then stores its write unverified instead of losing it.
 */
@ApplicationScoped
public class CatalogExercises {
  private final CatalogClient client;
  private final Cache cache;

  CatalogExercises(@RestClient CatalogClient client, @CacheName("catalog-exercises") Cache cache) {
    this.client = client;
    this.cache = cache;
  }

  /** Whether an answer of the catalog, still cached, found the exercise; asks nothing, so it never blocks. */
  public boolean foundBefore(String id) {
    CompletableFuture<Object> answer = cache.as(CaffeineCache.class).getIfPresent(id);
    return answer != null && answer.isDone() && !answer.isCompletedExceptionally() && answer.join() instanceof Optional<?> o && o.isPresent();
  }

  /** The exercise, or empty when the catalog does not know it. */
  @CacheResult(cacheName = "catalog-exercises") // keyed by the id, as foundBefore reads it
  @Retry(maxRetries = 2, delay = 100, delayUnit = ChronoUnit.MILLIS)
  @Timeout(value = 800, unit = ChronoUnit.MILLIS)
  @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS)
  public Optional<CatalogExercise> exercise(String id) {
    try {
      return Optional.of(client.exercise(id));
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        return Optional.empty(); // an answer, not a failure
      }
      throw e;
    }
  }
}
