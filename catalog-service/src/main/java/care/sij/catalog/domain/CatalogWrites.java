package care.sij.catalog.domain;

import care.sij.common.Problem;
import care.sij.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Curators' writes of entries that Bean Validation has checked on the way in, each one transaction under
 * the catalog write lock. Links are checked against the database under that lock, not against a snapshot that may lag. {@link Catalog#afterWrite} then
 * shows the write to this replica's readers.
 */
@ApplicationScoped
public class CatalogWrites {

  @Transactional
  public ExerciseEntry createExercise(Exercise exercise) {
    DefinitionRow.lockForWrite();
    absent(ExerciseRow.findById(exercise.id()), "exercise", exercise.id());
    checkLinks(exercise);
    return ExerciseEntry.of(created(new ExerciseRow(), exercise.id(), exercise), false);
  }

  /** Replaces the definition; a retired exercise becomes live again. */
  @Transactional
  public ExerciseEntry replaceExercise(Exercise exercise, ExpectedVersion expected) {
    DefinitionRow.lockForWrite();
    ExerciseRow row = existing(ExerciseRow.findById(exercise.id()), "exercise", exercise.id());
    ExpectedVersion.check(expected, ExerciseEntry.etag(row.definition(Exercise.class), row.retired));
    checkLinks(exercise);
    return ExerciseEntry.of(replaced(row, exercise), false);
  }

  @Transactional
  public ExerciseEntry retireExercise(String id, ExpectedVersion expected) {
    DefinitionRow.lockForWrite();
    ExerciseRow row = existing(ExerciseRow.findById(id), "exercise", id);
    return ExerciseEntry.of(retired(row, Exercise.class, expected, ExerciseEntry::etag), true);
  }

  @Transactional
  public RoutineEntry createRoutine(Routine routine) {
    DefinitionRow.lockForWrite();
    absent(RoutineRow.findById(routine.id()), "routine", routine.id());
    checkLinks(routine);
    return RoutineEntry.of(created(new RoutineRow(), routine.id(), routine), false);
  }

  @Transactional
  public RoutineEntry replaceRoutine(Routine routine, ExpectedVersion expected) {
    DefinitionRow.lockForWrite();
    RoutineRow row = existing(RoutineRow.findById(routine.id()), "routine", routine.id());
    ExpectedVersion.check(expected, RoutineEntry.etag(row.definition(Routine.class), row.retired));
    checkLinks(routine);
    return RoutineEntry.of(replaced(row, routine), false);
  }

  @Transactional
  public RoutineEntry retireRoutine(String id, ExpectedVersion expected) {
    DefinitionRow.lockForWrite();
    RoutineRow row = existing(RoutineRow.findById(id), "routine", id);
    return RoutineEntry.of(retired(row, Routine.class, expected, RoutineEntry::etag), true);
  }

  private static void absent(Object row, String kind, String id) {
    if (row != null) {
      throw new ProblemException.Conflict(kind + " '" + id + "' exists already (retired ones too)", "id");
    }
  }

  private static <T> T created(DefinitionRow row, String id, T definition) {
    row.id = id;
    row.write(definition, false);
    row.persist();
    return definition;
  }

  private static <T> T replaced(DefinitionRow row, T definition) {
    if (row.retired || !Objects.equals(row.definition(definition.getClass()), definition)) {
      row.write(definition, false);
    }
    return definition;
  }

  private static <T> T retired(DefinitionRow row, Class<T> type, ExpectedVersion expected, BiFunction<T, Boolean, String> etag) {
    T definition = row.definition(type);
    ExpectedVersion.check(expected, etag.apply(definition, row.retired));
    if (!row.retired) {
      row.write(definition, true);
    }
    return definition;
  }

  private static <R extends DefinitionRow> R existing(R row, String kind, String id) {
    if (row == null) {
      throw new ProblemException.NotFound(kind, id);
    }
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
