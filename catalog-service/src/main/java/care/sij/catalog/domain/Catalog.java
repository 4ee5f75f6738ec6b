package care.sij.catalog.domain;

import care.sij.common.ProblemException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The catalog as readers see it: an immutable snapshot in a volatile field, rebuilt from the
 * database at start-up (after the seed files are applied), after every write of this replica, and
 * when a periodic one-query check shows that another replica wrote. Reads never touch the database.
 */
@Singleton
public class Catalog {
  private static final Logger LOG = Logger.getLogger(Catalog.class);

  private final SeedLoader seeds;
  private final Event<CatalogSnapshot> changed;
  private final Duration refreshInterval;
  private volatile CatalogSnapshot snapshot = CatalogSnapshot.EMPTY;

  Catalog(SeedLoader seeds, Event<CatalogSnapshot> changed, Config config) {
    this.seeds = seeds;
    this.changed = changed;
    this.refreshInterval = config.refreshInterval();
  }

  @ConfigMapping(prefix = "catalog")
  public interface Config {
    /**
     * How often a replica asks the database whether another replica changed the catalog (one cheap
     * query); a change made here is visible at once, one made elsewhere within this interval.
     */
    @WithDefault("5s")
    Duration refreshInterval();

    /**
     * The tenant of the platform's curators: the catalog is shared by every tenant, so catalog:write
     * counts only in a token of this tenant.
     */
    @WithDefault("sij-care")
    String curatorTenant();
  }

  public CatalogSnapshot current() {
    return snapshot;
  }

  public Source source(String id) {
    return snapshot.source(id).orElseThrow(() -> new ProblemException.NotFound("source", id));
  }

  /** The plan as {@code current} gives it: one snapshot for the whole plan. */
  public Planner.Plan plan(CatalogSnapshot current, String routineId, Planner.Input input) {
    Entry<Routine> routine = current.routine(routineId).orElseThrow(() -> new ProblemException.NotFound("routine", routineId));
    return Planner.plan(routine.definition(), input, current::exercise);
  }

  /** What a committed write returned, once this replica's snapshot shows it: the writer reads its own write. */
  public <T> T afterWrite(T written) {
    try {
      reload();
    } catch (RuntimeException e) {
      // The write has committed; the periodic check will pick it up.
      LOG.warnf("Catalog reload after a write failed: %s", e.getMessage());
    }
    return written;
  }

  /** Start-up: the seed files checked (any problem stops the service) and stored, then the first snapshot. */
  void start(@Observes StartupEvent event) {
    seeds.apply(SeedFiles.fromClassPath());
    reload();
    LOG.infof("Catalog loaded at revision %d; checking for changes every %s", snapshot.revision(), refreshInterval);
  }

  /**
   * Rebuilds the snapshot from the database, under the write lock taken shared, so that it never sees
   * half of a write. Serialized, so that a slower rebuild that read older rows can never replace a newer snapshot.
   */
  @Transactional
  synchronized void reload() {
    DefinitionRow.lockForRead();
    CatalogSnapshot next = new CatalogSnapshot(DefinitionRow.currentRevision(),
        readable(ExerciseRow.<ExerciseRow>listAll(), "exercise", row -> Entry.of(row.definition(Exercise.class), row.retired)),
        readable(RoutineRow.<RoutineRow>listAll(), "routine", row -> Entry.of(row.definition(Routine.class), row.retired)),
        SourceRow.<SourceRow>listAll().stream().map(SourceRow::toSource).toList(),
        readable(TopicRow.<TopicRow>listAll(), "topic", row -> Entry.of(row.definition(Topic.class), row.retired)));
    if (next.revision() >= snapshot.revision()) {
      boolean newer = next.revision() > snapshot.revision();
      snapshot = next;
      if (newer) {
        changed.fire(next); // what readers keep from older snapshots (the api's rendered JSON) can go
      }
    }
  }

  private static <R extends DefinitionRow, T> List<T> readable(List<R> rows, String kind, java.util.function.Function<R, T> read) {
    List<T> entries = new ArrayList<>();
    for (R row : rows) {
      try {
        entries.add(read.apply(row));
      } catch (RuntimeException e) {
        // A row edited by hand into something unreadable must not take the whole catalog down.
        LOG.errorf("Stored %s '%s' is unreadable and is left out: %s", kind, row.id, e.getMessage());
      }
    }
    return entries;
  }

  @Scheduled(every = "${catalog.refresh-interval}", delayed = "${catalog.refresh-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void refreshIfChanged() {
    try {
      if (DefinitionRow.currentRevision() != snapshot.revision()) {
        reload();
        LOG.debugf("Catalog reloaded at revision %d", snapshot.revision());
      }
    } catch (Exception e) {
      // Keep serving the last snapshot; the next check tries again.
      LOG.warnf("Catalog change check failed: %s", e.getMessage());
    }
  }
}
