package care.sij.progress.domain;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The reads behind a patient's figures and alerts, bounded to what they use: a year of daily
 * records is 730 rows, and a write or a chart must not load and track them all as entities.
 * Stored times have microseconds, so bounds are rounded to the microsecond that selects exactly
 * what {@link ProgressCalculator} selects at full precision.
 */
final class FigureReads {
  private FigureReads() {}

  private static EntityManager em() {
    return Panache.getEntityManager();
  }

  /** The time of the patient's first pain entry or session, if any. */
  static Instant earliest(UUID patientId) {
    Instant entry = em().createQuery("select min(e.at) from PainEntry e where e.patientId = :patient", Instant.class)
        .setParameter("patient", patientId).getSingleResult();
    Instant session = em().createQuery("select min(s.at) from ExerciseSession s where s.patientId = :patient", Instant.class)
        .setParameter("patient", patientId).getSingleResult();
    return entry == null ? session : session == null || entry.isBefore(session) ? entry : session;
  }

  /**
   * The time and score of each pain entry in [from, to], oldest first, and nothing else (no JSON
   * columns to parse, no entities to track). The entries returned are not managed.
   */
  static List<PainEntry> scores(UUID patientId, Instant from, Instant to) {
    List<Object[]> rows = em().createQuery("select e.at, e.score from PainEntry e where e.patientId = :patient"
            + " and e.at >= :from and e.at <= :to order by e.at", Object[].class)
        .setParameter("patient", patientId).setParameter("from", ceilMicros(from)).setParameter("to", micros(to)).getResultList();
    List<PainEntry> entries = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      PainEntry e = new PainEntry();
      e.at = (Instant) row[0];
      e.score = (Integer) row[1];
      entries.add(e);
    }
    return entries;
  }

  /**
   * The sessions in [from, to], oldest first, with what the figures use: id, time, pain before and
   * after, and the exercises (parsed) only of the sessions where pain could have risen by 2 points,
   * the rest with none. The sessions returned are not managed.
   */
  static List<ExerciseSession> sessions(UUID patientId, Instant from, Instant to) {
    List<Object[]> rows = em().createQuery("select s.id, s.at, s.painBefore, s.painAfter from ExerciseSession s"
            + " where s.patientId = :patient and s.at >= :from and s.at <= :to order by s.at", Object[].class)
        .setParameter("patient", patientId).setParameter("from", ceilMicros(from)).setParameter("to", micros(to)).getResultList();
    java.util.Map<UUID, ExerciseSession> mayFlag = new java.util.HashMap<>();
    for (ExerciseSession s : mayFlag(patientId, from, to)) {
      mayFlag.put(s.id, s);
    }
    List<ExerciseSession> sessions = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      ExerciseSession s = new ExerciseSession();
      s.id = (UUID) row[0];
      s.at = (Instant) row[1];
      s.painBefore = (Integer) row[2];
      s.painAfter = (Integer) row[3];
      ExerciseSession full = mayFlag.get(s.id);
      s.exercises = full == null ? List.of() : full.exercises;
      sessions.add(s);
    }
    return sessions;
  }

  /**
   * Sessions in which pain may have risen by 2 points or more during an exercise: a pain before, and
   * a pain after 2 or more above it, or a pain during some exercise of 2 or more. A superset of what
   * {@link ProgressCalculator#flagged} flags, and the predicate of the partial index
   * exercise_session_may_flag (migration V3), which the database uses only for this very text.
   */
  static final String MAY_FLAG = "pain_before IS NOT NULL AND (pain_after >= pain_before + 2"
      + " OR exercises @@ '$[*].painDuring >= 2')"; // no '?' in it: Hibernate would take it for a parameter

  /** The patient's sessions (in [from, to] when given) that {@link #MAY_FLAG} holds for, oldest first; read-only entities. */
  static List<ExerciseSession> mayFlag(UUID patientId, Instant from, Instant to) {
    em().flush(); // sessions persisted in this transaction count
    String sql = "SELECT * FROM exercise_session WHERE patient_id = ?1" + (from != null ? " AND at >= ?2" : "")
        + (to != null ? " AND at <= ?3" : "") + " AND " + MAY_FLAG + " ORDER BY at";
    var query = em().createNativeQuery(sql, ExerciseSession.class).setParameter(1, patientId)
        .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true);
    if (from != null) {
      query.setParameter(2, ceilMicros(from));
    }
    if (to != null) {
      query.setParameter(3, micros(to));
    }
    @SuppressWarnings("unchecked")
    List<ExerciseSession> sessions = query.getResultList();
    return sessions;
  }

  /**
   * The baseline and latest week of the patient's pain up to {@code to}, as {@link ProgressCalculator#compute}
   * gives them for a window from the first entry, summed by the database in one statement: the first
   * entry, then the count and sum of scores in its first 7 days and in the 7 days up to {@code to}.
   */
  static ProgressCalculator.Trend trend(UUID patientId, Instant to) {
    em().flush(); // entries persisted in this transaction count
    Object[] row = (Object[]) em().createNativeQuery("""
            SELECT f.first, b.n, b.total, l.n, l.total
            FROM (SELECT min(at) AS first FROM pain_entry WHERE patient_id = ?1 AND at <= ?2) f
            CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(score), 0) AS total FROM pain_entry
                WHERE patient_id = ?1 AND at >= f.first AND at < f.first + interval '604800 seconds' AND at <= ?2) b
            CROSS JOIN (SELECT count(*) AS n, coalesce(sum(score), 0) AS total FROM pain_entry
                WHERE patient_id = ?1 AND at > ?3 AND at <= ?2) l""")
        .setParameter(1, patientId).setParameter(2, micros(to)).setParameter(3, micros(to.minus(ProgressCalculator.WEEK)))
        .getSingleResult();
    if (row[0] == null) {
      return ProgressCalculator.trend(null, null);
    }
    Instant first = instant(row[0]);
    return ProgressCalculator.trend(
        ProgressCalculator.average(((Number) row[2]).longValue(), ((Number) row[1]).longValue(), first, first.plus(ProgressCalculator.WEEK)),
        ProgressCalculator.average(((Number) row[4]).longValue(), ((Number) row[3]).longValue(), to.minus(ProgressCalculator.WEEK), to));
  }

  /** Stored times have microseconds: t' <= micros(x) exactly when t' <= x, and t' > micros(x) exactly when t' > x. */
  private static Instant micros(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** The first microsecond at or after the instant: t' >= ceilMicros(x) exactly when t' >= x. */
  private static Instant ceilMicros(Instant at) {
    Instant down = micros(at);
    return down.equals(at) ? at : down.plus(1, ChronoUnit.MICROS);
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    throw new IllegalStateException("not a time: " + value.getClass());
  }
}
