package care.sij.triage.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Routine lookups remembered for a while (triage.catalog.routine-cache, default a minute): most
 * assessments suggest one of the same few routines, which change only when a curator edits them,
 * so the catalog need not be asked for each. Only answers are remembered (found, or not found);
 * when the catalog is unavailable, the next assessment asks again. The ids are the rule set's
 * pathway routines, a handful, so nothing needs evicting.
 */
@ApplicationScoped
public class RememberedRoutines {
  private record Remembered(CatalogRoutines.Lookup lookup, long until) {}

  private final Function<String, CatalogRoutines.Lookup> catalog;
  private final long forNanos;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  @Inject
  RememberedRoutines(CatalogRoutines catalog, @ConfigProperty(name = "triage.catalog.routine-cache", defaultValue = "60s") Duration ttl) {
    this(catalog::routine, ttl);
  }

  RememberedRoutines(Function<String, CatalogRoutines.Lookup> catalog, Duration ttl) {
    this.catalog = catalog;
    this.forNanos = ttl.toNanos();
  }

  public CatalogRoutines.Lookup routine(String id) {
    long now = System.nanoTime();
    Remembered r = remembered.get(id);
    if (r != null && now - r.until() < 0) {
      return r.lookup();
    }
    CatalogRoutines.Lookup lookup = catalog.apply(id);
    if (forNanos > 0 && !(lookup instanceof CatalogRoutines.Lookup.Unavailable)) {
      remembered.put(id, new Remembered(lookup, now + forNanos));
    }
    return lookup;
  }
}
