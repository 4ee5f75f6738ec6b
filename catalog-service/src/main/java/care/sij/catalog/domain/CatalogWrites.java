package care.sij.catalog.domain;

import care.sij.common.Problem;
import care.sij.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Curators' writes. Each is one transaction under the catalog write lock; once it has committed,
 * this replica's snapshot is rebuilt so that the writer reads its own write.
 */
@ApplicationScoped
public class CatalogWrites {
  private static final Logger LOG = Logger.getLogger(CatalogWrites.class);

  private final CatalogStore store;
  private final Catalog catalog;

  CatalogWrites(CatalogStore store, Catalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  public ExerciseEntry createExercise(Exercise exercise) {
    valid(CatalogRules.exercise(exercise));
    return thenReload(() -> store.createExercise(exercise));
  }

  public ExerciseEntry replaceExercise(Exercise exercise, ExpectedVersion expected) {
    valid(CatalogRules.exercise(exercise));
    return thenReload(() -> store.replaceExercise(exercise, expected));
  }

  public ExerciseEntry retireExercise(String id, ExpectedVersion expected) {
    return thenReload(() -> store.retireExercise(id, expected));
  }

  public RoutineEntry createRoutine(Routine routine) {
    valid(CatalogRules.routine(routine));
    return thenReload(() -> store.createRoutine(routine));
  }

  public RoutineEntry replaceRoutine(Routine routine, ExpectedVersion expected) {
    valid(CatalogRules.routine(routine));
    return thenReload(() -> store.replaceRoutine(routine, expected));
  }

  public RoutineEntry retireRoutine(String id, ExpectedVersion expected) {
    return thenReload(() -> store.retireRoutine(id, expected));
  }

  private static void valid(List<CatalogRules.Violation> violations) {
    if (!violations.isEmpty()) {
      throw new ProblemException.BadRequest(violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList());
    }
  }

  private <T> T thenReload(Supplier<T> write) {
    T written = write.get();
    try {
      catalog.reload();
    } catch (RuntimeException e) {
      // The write has committed; the periodic check will pick it up.
      LOG.warnf("Catalog reload after a write failed: %s", e.getMessage());
    }
    return written;
  }
}
