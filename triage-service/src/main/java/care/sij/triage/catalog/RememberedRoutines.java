package care.sij.triage.catalog;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Routine lookups remembered for a while (the catalog-routines cache): most assessments suggest one of
 * the same few routines, which change only when a curator edits them. Only answers are remembered
 * (found, or not found); when the catalog is unavailable, the next assessment asks again.
 */
@ApplicationScoped
public class RememberedRoutines {
  private final CatalogRoutines catalog;
  private final Cache cache;

  RememberedRoutines(CatalogRoutines catalog, @CacheName("catalog-routines") Cache cache) {
    this.catalog = catalog;
    this.cache = cache;
  }

  public CatalogRoutines.Lookup routine(String id) {
    try {
      return cache.<String, CatalogRoutines.Lookup>get(id, this::answer).await().indefinitely();
    } catch (NoAnswer e) {
      return e.lookup;
    }
  }

  /** A failed load is not cached: an unavailable catalog leaves through this exception. */
  private CatalogRoutines.Lookup answer(String id) {
    CatalogRoutines.Lookup lookup = catalog.routine(id);
    if (lookup instanceof CatalogRoutines.Lookup.Unavailable) {
      throw new NoAnswer(lookup);
    }
    return lookup;
  }

  private static final class NoAnswer extends RuntimeException {
    private final transient CatalogRoutines.Lookup lookup;

    NoAnswer(CatalogRoutines.Lookup lookup) {
      super(null, null, false, false);
      this.lookup = lookup;
    }
  }
}
