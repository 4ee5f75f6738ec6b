package care.sij.progress.catalog;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
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

  CatalogExercises(@RestClient CatalogClient client) {
    this.client = client;
  }

  /** The exercise, or empty when the catalog does not know it. */
  @CacheResult(cacheName = "catalog-exercises")
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
