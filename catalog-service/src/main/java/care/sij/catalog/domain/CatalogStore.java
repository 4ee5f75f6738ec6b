package care.sij.catalog.domain;

import care.sij.common.Problem;
import care.sij.common.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/** The catalog tables: one consistent read for snapshots, and the writes, each under the catalog's write lock. */
@ApplicationScoped
class CatalogStore {
  private static final Logger LOG = Logger.getLogger(CatalogStore.class);

  /**
   * Key of the PostgreSQL advisory lock every catalog write takes, seed loading included: replicas
   * that start or write together queue up, and revisions are handed out in commit order, so that
   * max(revision) tells every replica about every commit.
   */
  static final long WRITE_LOCK = 0x5C_A7A1_0901L;

  private static final String CURRENT_REVISION = """
      SELECT greatest((SELECT coalesce(max(revision), 0) FROM catalog.exercise),
                      (SELECT coalesce(max(revision), 0) FROM catalog.routine),
                      (SELECT coalesce(max(revision), 0) FROM catalog.source),
                      (SELECT coalesce(max(revision), 0) FROM catalog.topic))""";

  // One statement, hence one consistent view of all the tables.
  private static final String EVERYTHING = """
      SELECT 'exercise', id, definition::text, retired, revision FROM catalog.exercise
      UNION ALL
      SELECT 'routine', id, definition::text, retired, revision FROM catalog.routine
      UNION ALL
      SELECT 'topic', id, definition::text, retired, revision FROM catalog.topic
      UNION ALL
      SELECT 'source', id, jsonb_build_object('id', id, 'title', title, 'author', author, 'publisher', publisher,
                                              'summary', summary, 'studies', studies)::text, false, revision
      FROM catalog.source""";

  private final EntityManager em;
  private final AgroalDataSource dataSource;

  CatalogStore(EntityManager em, AgroalDataSource dataSource) {
    this.em = em;
    this.dataSource = dataSource;
  }

  // ------------------------------------------------------------------ reads (no transaction, no ORM)

  long currentRevision() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CURRENT_REVISION)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  CatalogSnapshot loadSnapshot() throws SQLException {
    List<ExerciseEntry> exercises = new ArrayList<>();
    List<RoutineEntry> routines = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    List<TopicEntry> topics = new ArrayList<>();
    long revision = 0;
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(EVERYTHING)) {
      while (rs.next()) {
        String kind = rs.getString(1);
        String id = rs.getString(2);
        revision = Math.max(revision, rs.getLong(5));
        try {
          switch (kind) {
            case "exercise" -> exercises.add(ExerciseEntry.of(CatalogJson.read(rs.getString(3), Exercise.class), rs.getBoolean(4)));
            case "routine" -> routines.add(RoutineEntry.of(CatalogJson.read(rs.getString(3), Routine.class), rs.getBoolean(4)));
            case "topic" -> topics.add(TopicEntry.of(CatalogJson.read(rs.getString(3), Topic.class), rs.getBoolean(4)));
            default -> sources.add(CatalogJson.read(rs.getString(3), Source.class));
          }
        } catch (RuntimeException e) {
          // A row edited by hand into something unreadable must not take the whole catalog down.
          LOG.errorf("Stored %s '%s' is unreadable and is left out: %s", kind, id, e.getMessage());
        }
      }
    }
    return new CatalogSnapshot(revision, exercises, routines, sources, topics);
  }

  // ------------------------------------------------------------------ writes

  /** Takes the catalog write lock until the end of the current transaction. */
  void lockForWrite() {
    em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?1)) l").setParameter(1, WRITE_LOCK).getSingleResult();
  }

  long nextRevision() {
    return ((Number) em.createNativeQuery("SELECT nextval('catalog.revision_seq')").getSingleResult()).longValue();
  }

  void write(DefinitionRow row, Object definition, boolean retired) {
    row.definition = CatalogJson.write(definition);
    row.retired = retired;
    row.revision = nextRevision();
    row.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  <R extends DefinitionRow> List<R> all(Class<R> type) {
    return em.createQuery("FROM " + type.getSimpleName(), type).getResultList();
  }

  void persist(Object row) {
    em.persist(row);
  }

  <R> R find(Class<R> type, String id) {
    return em.find(type, id);
  }

  @Transactional
  ExerciseEntry createExercise(Exercise exercise) {
    lockForWrite();
    if (em.find(ExerciseRow.class, exercise.id()) != null) {
      throw new ProblemException.Conflict("exercise '" + exercise.id() + "' exists already (retired ones too)", "id");
    }
    checkLinks(exercise);
    ExerciseRow row = new ExerciseRow();
    row.id = exercise.id();
    write(row, exercise, false);
    em.persist(row);
    return ExerciseEntry.of(exercise, false);
  }

  /** Replaces the definition; a retired exercise becomes live again. */
  @Transactional
  ExerciseEntry replaceExercise(Exercise exercise, ExpectedVersion expected) {
    lockForWrite();
    ExerciseRow row = existing(ExerciseRow.class, exercise.id(), "exercise");
    ExpectedVersion.check(expected, ExerciseEntry.etag(CatalogJson.read(row.definition, Exercise.class), row.retired));
    checkLinks(exercise);
    if (row.retired || !Objects.equals(CatalogJson.read(row.definition, Exercise.class), exercise)) {
      write(row, exercise, false);
    }
    return ExerciseEntry.of(exercise, false);
  }

  @Transactional
  ExerciseEntry retireExercise(String id, ExpectedVersion expected) {
    lockForWrite();
    ExerciseRow row = existing(ExerciseRow.class, id, "exercise");
    Exercise exercise = CatalogJson.read(row.definition, Exercise.class);
    ExpectedVersion.check(expected, ExerciseEntry.etag(exercise, row.retired));
    if (!row.retired) {
      write(row, exercise, true);
    }
    return ExerciseEntry.of(exercise, true);
  }

  @Transactional
  RoutineEntry createRoutine(Routine routine) {
    lockForWrite();
    if (em.find(RoutineRow.class, routine.id()) != null) {
      throw new ProblemException.Conflict("routine '" + routine.id() + "' exists already (retired ones too)", "id");
    }
    checkLinks(routine);
    RoutineRow row = new RoutineRow();
    row.id = routine.id();
    write(row, routine, false);
    em.persist(row);
    return RoutineEntry.of(routine, false);
  }

  @Transactional
  RoutineEntry replaceRoutine(Routine routine, ExpectedVersion expected) {
    lockForWrite();
    RoutineRow row = existing(RoutineRow.class, routine.id(), "routine");
    ExpectedVersion.check(expected, RoutineEntry.etag(CatalogJson.read(row.definition, Routine.class), row.retired));
    checkLinks(routine);
    if (row.retired || !Objects.equals(CatalogJson.read(row.definition, Routine.class), routine)) {
      write(row, routine, false);
    }
    return RoutineEntry.of(routine, false);
  }

  @Transactional
  RoutineEntry retireRoutine(String id, ExpectedVersion expected) {
    lockForWrite();
    RoutineRow row = existing(RoutineRow.class, id, "routine");
    Routine routine = CatalogJson.read(row.definition, Routine.class);
    ExpectedVersion.check(expected, RoutineEntry.etag(routine, row.retired));
    if (!row.retired) {
      write(row, routine, true);
    }
    return RoutineEntry.of(routine, true);
  }

  private <R> R existing(Class<R> type, String id, String what) {
    R row = em.find(type, id);
    if (row == null) {
      throw new ProblemException.NotFound(what, id);
    }
    return row;
  }

  // Links are checked against the database under the write lock, not against a snapshot that may lag.
  private void checkLinks(Exercise exercise) {
    Set<String> live = liveExerciseIds();
    Set<String> sources = sourceIds();
    unprocessable(CatalogRules.exerciseLinks(exercise, live::contains, sources::contains), "an exercise it links to");
  }

  private void checkLinks(Routine routine) {
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

  private Set<String> liveExerciseIds() {
    return new HashSet<>(em.createQuery("SELECT e.id FROM ExerciseRow e WHERE e.retired = false", String.class).getResultList());
  }

  private Set<String> sourceIds() {
    return new HashSet<>(em.createQuery("SELECT s.id FROM SourceRow s", String.class).getResultList());
  }
}
