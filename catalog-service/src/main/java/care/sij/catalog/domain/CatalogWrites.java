package care.sij.catalog.domain;

import care.sij.common.Problem;
import care.sij.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Curators' writes of entries that Bean Validation has checked on the way in, each one transaction
 * under the catalog write lock. Links are checked against the database under that lock, not against a
 * snapshot that may lag. {@link Catalog#afterWrite} then shows the write to this replica's readers.
 */
@ApplicationScoped
public class CatalogWrites {
  /** What the writes need to know of a kind of entry: {@link #EXERCISE} or {@link #ROUTINE}. */
  public record Kind<T>(String name, Class<T> type, Function<T, String> id, Function<String, DefinitionRow> find,
      Supplier<DefinitionRow> newRow, BiFunction<T, Boolean, Entry<T>> entry, Consumer<T> checkLinks) {}

  public static final Kind<Exercise> EXERCISE = new Kind<>("exercise", Exercise.class, Exercise::id, id -> ExerciseRow.findById(id),
      ExerciseRow::new, Entry::of, CatalogWrites::checkLinks);
  public static final Kind<Routine> ROUTINE = new Kind<>("routine", Routine.class, Routine::id, id -> RoutineRow.findById(id),
      RoutineRow::new, Entry::of, CatalogWrites::checkLinks);

  @Transactional
  public <T> Entry<T> create(Kind<T> kind, T definition) {
    String id = kind.id().apply(definition);
    DefinitionRow.lockForWrite();
    if (kind.find().apply(id) != null) {
      throw new ProblemException.Conflict(kind.name() + " '" + id + "' exists already (retired ones too)", "id");
    }
    kind.checkLinks().accept(definition);
    DefinitionRow row = kind.newRow().get();
    row.id = id;
    row.write(definition, false);
    row.persist();
    return kind.entry().apply(definition, false);
  }

  /** Replaces the definition; a retired entry becomes live again. */
  @Transactional
  public <T> Entry<T> replace(Kind<T> kind, T definition, ExpectedVersion expected) {
    DefinitionRow row = current(kind, kind.id().apply(definition), expected);
    kind.checkLinks().accept(definition);
    if (row.retired || !row.definition(kind.type()).equals(definition)) {
      row.write(definition, false);
    }
    return kind.entry().apply(definition, false);
  }

  /** Takes the entry out of listings (and an exercise out of plans); it stays readable by id. */
  @Transactional
  public <T> Entry<T> retire(Kind<T> kind, String id, ExpectedVersion expected) {
    DefinitionRow row = current(kind, id, expected);
    T definition = row.definition(kind.type());
    if (!row.retired) {
      row.write(definition, true);
    }
    return kind.entry().apply(definition, true);
  }

  /** The stored row, under the write lock, if If-Match names its current version. */
  private static <T> DefinitionRow current(Kind<T> kind, String id, ExpectedVersion expected) {
    DefinitionRow.lockForWrite();
    DefinitionRow row = kind.find().apply(id);
    if (row == null) {
      throw new ProblemException.NotFound(kind.name(), id);
    }
    ExpectedVersion.check(expected, kind.entry().apply(row.definition(kind.type()), row.retired).etag());
    return row;
  }

  private static void checkLinks(Exercise exercise) {
    Set<String> live = liveExerciseIds();
    Set<String> sources = sourceIds();
    unprocessable(CatalogRules.exerciseLinks(exercise, live::contains, sources::contains), "an exercise it links to");
  }

  private static void checkLinks(Routine routine) {
    Set<String> live = liveExerciseIds();
    Set<String> sources = sourceIds();
    unprocessable(CatalogRules.routineLinks(routine, live::contains, sources::contains), "an exercise or source it names");
  }

  private static void unprocessable(List<CatalogRules.Violation> violations, String what) {
    if (!violations.isEmpty()) {
      List<Problem.FieldError> errors = violations.stream()
          .map(v -> new Problem.FieldError(v.field(), v.message().replace("does not exist", "does not exist or is retired"))).toList();
      throw new ProblemException.Unprocessable("the catalog has no live " + what + ": " + errors.get(0).message(), errors);
    }
  }

  private static Set<String> liveExerciseIds() {
    return ExerciseRow.<ExerciseRow>list("retired", false).stream().map(row -> row.id).collect(Collectors.toSet());
  }

  private static Set<String> sourceIds() {
    return SourceRow.<SourceRow>listAll().stream().map(row -> row.id).collect(Collectors.toSet());
  }
}
