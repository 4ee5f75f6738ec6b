package care.sij.progress.domain;

import care.sij.common.Cursor;
import care.sij.common.Problem;
import care.sij.common.ProblemException;
import care.sij.progress.catalog.CatalogExercises;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Exercise sessions. Exercise ids are checked against the catalog; if it cannot answer, the session is kept and checked later. */
@ApplicationScoped
public class Sessions {
  private static final Logger LOG = Logger.getLogger(Sessions.class);

  public record NewSession(Instant at, String routineId, List<ExerciseSession.ExerciseDone> exercises, Integer painBefore,
      Integer painAfter, Integer effort, String note) {}

  /** What the catalog said of the exercise ids: unknown ones, and whether it answered at all. */
  public record Check(Set<String> unknown, boolean catalogAnswered) {}

  private final Patients patients;
  private final Alerts alerts;
  private final CatalogExercises catalog;
  private final Clock clock;
  private final GroupCommit<ExerciseSession, List<ExerciseSession>> writer;

  Sessions(Patients patients, Alerts alerts, CatalogExercises catalog, Clock clock, DataSource database) {
    this.patients = patients;
    this.alerts = alerts;
    this.catalog = catalog;
    this.clock = clock;
    this.writer = new GroupCommit<>("session-writer", database, this::store);
  }

  /** Asks the catalog about every distinct id (outside any transaction: it is a network call; answers are cached). */
  public Check check(Set<String> exerciseIds) {
    Set<String> unknown = new LinkedHashSet<>();
    for (String id : exerciseIds) {
      try {
        Optional<?> found = catalog.exercise(id);
        if (found.isEmpty()) {
          unknown.add(id);
        }
      } catch (RuntimeException e) {
        LOG.warnf("catalog-service could not check exercise %s (%s); storing the session unverified", id, e.toString());
        return new Check(unknown, false);
      }
    }
    return new Check(unknown, true);
  }

  /** Refuses sessions naming exercises the catalog does not know; {@code field} names each id's place. */
  public static void refuseUnknown(List<NewSession> sessions, Set<String> unknown, java.util.function.BiFunction<Integer, Integer, String> field) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int s = 0; s < sessions.size(); s++) {
      List<ExerciseSession.ExerciseDone> done = sessions.get(s).exercises();
      for (int e = 0; e < done.size(); e++) {
        if (unknown.contains(done.get(e).exerciseId())) {
          errors.add(new Problem.FieldError(field.apply(s, e), "no such exercise in the catalog: " + done.get(e).exerciseId()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException.Unprocessable("the catalog does not know every exercise named", errors);
    }
  }

  @PreDestroy
  void close() {
    writer.close();
  }

  /**
   * Stores the sessions, with the other writes waiting, and raises what follows from them; returns
   * once they are committed. A patient not the tenant's stores nothing and gets 404.
   */
  public List<ExerciseSession> add(String tenant, UUID patientId, List<NewSession> sessions, boolean verified) {
    return GroupCommit.await(writer.submit(write(tenant, patientId, sessions, verified)));
  }

  /** As {@link #add}, completing when the group has committed instead of waiting for it. */
  public CompletableFuture<List<ExerciseSession>> submit(String tenant, UUID patientId, List<NewSession> sessions, boolean verified) {
    return writer.submit(write(tenant, patientId, sessions, verified));
  }

  /** As {@link #add}, within the caller's transaction (one that stores an Idempotency-Key's record too). */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<ExerciseSession> addInTransaction(String tenant, UUID patientId, List<NewSession> sessions, boolean verified) {
    return writer.storeInTransaction(write(tenant, patientId, sessions, verified));
  }

  private BatchInserts.Write<ExerciseSession> write(String tenant, UUID patientId, List<NewSession> sessions, boolean verified) {
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    List<ExerciseSession> stored = new ArrayList<>();
    for (NewSession n : sessions) {
      ExerciseSession s = new ExerciseSession();
      s.id = UUID.randomUUID();
      s.patientId = patientId;
      s.at = n.at().truncatedTo(ChronoUnit.MICROS);
      s.routineId = n.routineId();
      s.exercises = List.copyOf(n.exercises());
      s.painBefore = n.painBefore();
      s.painAfter = n.painAfter();
      s.effort = n.effort();
      s.note = n.note();
      s.verification = verified ? ExerciseSession.Verification.verified : ExerciseSession.Verification.pending;
      s.createdAt = now;
      stored.add(s);
    }
    return BatchInserts.sessionWrite(tenant, patientId, stored);
  }

  /** On the writer's connection, in its transaction: the batch insert, then the alerts of each write found. */
  private List<Optional<List<ExerciseSession>>> store(Connection c, List<BatchInserts.Write<ExerciseSession>> writes) throws SQLException {
    List<Boolean> found = BatchInserts.sessions(c, writes);
    List<Optional<List<ExerciseSession>>> stored = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      BatchInserts.Write<ExerciseSession> w = writes.get(i);
      if (found.get(i)) {
        alerts.afterSessions(c, w.tenant(), w.patientId(), w.records());
        stored.add(Optional.of(w.records()));
      } else {
        stored.add(Optional.empty());
      }
    }
    return stored;
  }

  public List<ExerciseSession> list(String tenant, UUID patientId, Instant from, Instant to, Cursor after, int limit) {
    return Listing.page(ExerciseSession.class, patients.get(tenant, patientId).id, Times.checkParameter(from, "from", clock),
        Times.checkParameter(to, "to", clock), after, limit);
  }

  /** Checks sessions stored while the catalog was unreachable; returns how many were settled. */
  public int verifyPending() {
    List<ExerciseSession> pending = pending();
    Map<String, Boolean> known = new HashMap<>();
    int settled = 0;
    for (ExerciseSession s : pending) {
      Set<String> ids = new LinkedHashSet<>();
      s.exercises.forEach(e -> ids.add(e.exerciseId()));
      ids.removeAll(known.keySet());
      Check check = check(ids);
      if (!check.catalogAnswered()) {
        return settled; // still down: try again next time
      }
      ids.forEach(id -> known.put(id, !check.unknown().contains(id)));
      boolean allKnown = s.exercises.stream().allMatch(e -> known.get(e.exerciseId()));
      settle(s.id, allKnown ? ExerciseSession.Verification.verified : ExerciseSession.Verification.unknown_exercise);
      settled++;
    }
    return settled;
  }

  @Transactional
  List<ExerciseSession> pending() {
    return ExerciseSession.list("verification", ExerciseSession.Verification.pending);
  }

  @Transactional
  void settle(UUID sessionId, ExerciseSession.Verification verification) {
    ExerciseSession.update("verification = ?1 where id = ?2", verification, sessionId);
  }
}
