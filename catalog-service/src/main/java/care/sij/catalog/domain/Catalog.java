package care.sij.catalog.domain;

import care.sij.common.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The catalog as readers see it: an immutable snapshot in a volatile field, rebuilt from the
 * database at start-up, after every write of this replica, and when a periodic one-query check
 * shows that another replica wrote. Reads never touch the database.
 */
@Singleton
public class Catalog {
  private static final Logger LOG = Logger.getLogger(Catalog.class);

  private final CatalogStore store;
  private final Duration refreshInterval;
  private volatile CatalogSnapshot snapshot = CatalogSnapshot.EMPTY;

  Catalog(CatalogStore store, CatalogConfig config) {
    this.store = store;
    this.refreshInterval = config.refreshInterval();
  }

  public CatalogSnapshot current() {
    return snapshot;
  }

  public Source source(String id) {
    return snapshot.source(id).orElseThrow(() -> new ProblemException.NotFound("source", id));
  }

  /** The plan as {@code current} gives it: one snapshot for the whole plan. */
  public Planner.Plan plan(CatalogSnapshot current, String routineId, Planner.Input input) {
    RoutineEntry routine = current.routine(routineId).orElseThrow(() -> new ProblemException.NotFound("routine", routineId));
    return Planner.plan(routine.routine(), input, current::exercise);
  }

  /**
   * Rebuilds the snapshot from the database. Serialized, so that a slower rebuild that read older
   * rows can never replace a newer snapshot.
   */
  synchronized void reload() {
    try {
      CatalogSnapshot next = store.loadSnapshot();
      if (next.revision() >= snapshot.revision()) {
        snapshot = next;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot read the catalog: " + e.getMessage(), e);
    }
  }

  /** Start-up: the first snapshot; {@link #refreshIfChanged} then checks for other replicas' writes. */
  synchronized void start() {
    reload();
    LOG.infof("Catalog loaded at revision %d; checking for changes every %s", snapshot.revision(), refreshInterval);
  }

  @Scheduled(every = "${catalog.refresh-interval}", delayed = "${catalog.refresh-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refreshIfChanged() {
    try {
      if (store.currentRevision() != snapshot.revision()) {
        reload();
        LOG.debugf("Catalog reloaded at revision %d", snapshot.revision());
      }
    } catch (Exception e) {
      // Keep serving the last snapshot; the next check tries again.
      LOG.warnf("Catalog change check failed: %s", e.getMessage());
    }
  }
}
