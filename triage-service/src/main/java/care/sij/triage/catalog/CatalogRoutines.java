package care.sij.triage.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Routine lookups for the self-care pathway. A disposition never waits on the catalog: a slow or
 * failing catalog gives "unavailable" within the timeout, and a run of failures opens the circuit
 * so that later assessments do not even try for a while.
 */
@ApplicationScoped
public class CatalogRoutines {
  private static final Logger LOG = Logger.getLogger(CatalogRoutines.class);

  /** Outcome of a lookup. */
  public sealed interface Lookup {
    record Found(CatalogRoutine routine) implements Lookup {}

    record NotFound() implements Lookup {}

    record Unavailable() implements Lookup {}
  }

  private final CatalogClient client;

  CatalogRoutines(@RestClient CatalogClient client) {
    this.client = client;
  }

  @Timeout(value = 800, unit = ChronoUnit.MILLIS)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS)
  @Fallback(fallbackMethod = "unavailable")
  public Lookup routine(String id) {
    try {
      return new Lookup.Found(client.routine(id));
    } catch (WebApplicationException e) {
      if (e.getResponse().getStatus() == 404) {
        return new Lookup.NotFound(); // an answer, not a failure of the catalog
      }
      throw e;
    }
  }

  Lookup unavailable(String id, Throwable cause) {
    LOG.warnf("catalog-service did not give routine %s: %s", id, cause.toString());
    return new Lookup.Unavailable();
  }
}
