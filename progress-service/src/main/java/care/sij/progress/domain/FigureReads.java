package care.sij.progress.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * The reads behind a patient's figures and alerts, bounded to what they use: a year of daily
 * records is 730 rows, which a write or a chart must not load and track as entities. Plain SQL on
 * the transaction's own connection (after a flush, so that what this transaction wrote counts);
 * the entries and sessions returned carry only the columns the figures use, and are not managed.
 * Stored times have microseconds, so bounds are rounded to the microsecond that selects exactly
 * what {@link ProgressCalculator} selects at full precision.
 */
final class FigureReads {
  private FigureReads() {}

  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final TypeReference<List<ExerciseSession.ExerciseDone>> EXERCISES = new TypeReference<>() {};

  /**
   * Sessions in which pain may have risen by 2 points or more during an exercise: a pain before, and
   * a pain after 2 or more above it, or a pain during some exercise of 2 or more. A superset of what
   * {@link ProgressCalculator#flagged} flags, and the predicate of the partial index
   * exercise_session_may_flag (migration V3), which the database uses only for this very text.
   */
  static final String MAY_FLAG = "pain_before IS NOT NULL AND (pain_after >= pain_before + 2"
      + " OR exercises @@ '$[*].painDuring >= 2')";

  /** The time of the patient's first pain entry or session, if any. */
  static Instant earliest(UUID patientId) {
    return work(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT least((SELECT min(at) FROM pain_entry WHERE patient_id = ?),"
          + " (SELECT min(at) FROM exercise_session WHERE patient_id = ?))")) {
        s.setObject(1, patientId);
        s.setObject(2, patientId);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return instant(r, 1);
        }
      }
    });
  }

  /** The time and score of each pain entry in [from, to], oldest first. */
  static List<PainEntry> scores(UUID patientId, Instant from, Instant to) {
    return work(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT at, score FROM pain_entry WHERE patient_id = ? AND at >= ? AND at <= ? ORDER BY at")) {
        s.setObject(1, patientId);
        s.setObject(2, time(ceilMicros(from)));
        s.setObject(3, time(micros(to)));
        List<PainEntry> entries = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            PainEntry e = new PainEntry();
            e.at = instant(r, 1);
            e.score = r.getInt(2);
            entries.add(e);
          }
        }
        return entries;
      }
    });
  }

  /**
   * The sessions in [from, to], oldest first: id, time, pain before and after, and the exercises
   * only of the sessions that {@link #MAY_FLAG} holds for (the others with none: nothing else of
   * the figures looks at them).
   */
  static List<ExerciseSession> sessions(UUID patientId, Instant from, Instant to) {
    return work(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id, at, pain_before, pain_after, CASE WHEN " + MAY_FLAG
          + " THEN exercises::text END FROM exercise_session WHERE patient_id = ? AND at >= ? AND at <= ? ORDER BY at")) {
        s.setObject(1, patientId);
        s.setObject(2, time(ceilMicros(from)));
        s.setObject(3, time(micros(to)));
        return sessions(s);
      }
    });
  }

  /** The patient's sessions that {@link #MAY_FLAG} holds for, oldest first, through its partial index. */
  static List<ExerciseSession> mayFlag(UUID patientId) {
    return work(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id, at, pain_before, pain_after, exercises::text FROM exercise_session"
          + " WHERE patient_id = ? AND " + MAY_FLAG + " ORDER BY at")) {
        s.setObject(1, patientId);
        return sessions(s);
      }
    });
  }

  private static List<ExerciseSession> sessions(PreparedStatement s) throws SQLException {
    List<ExerciseSession> sessions = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        ExerciseSession session = new ExerciseSession();
        session.id = r.getObject(1, UUID.class);
        session.at = instant(r, 2);
        session.painBefore = (Integer) r.getObject(3);
        session.painAfter = (Integer) r.getObject(4);
        String exercises = r.getString(5);
        session.exercises = exercises == null ? List.of() : parse(exercises);
        sessions.add(session);
      }
    }
    return sessions;
  }

  /**
   * The baseline and latest week of the patient's pain up to {@code to}, as {@link ProgressCalculator#compute}
   * gives them for a window from the first entry, summed by the database in one statement: the first
   * entry, then the count and sum of scores in its first 7 days and in the 7 days up to {@code to}.
   */
  static ProgressCalculator.Trend trend(UUID patientId, Instant to) {
    long[] row = work(c -> {
      try (PreparedStatement s = c.prepareStatement("""
          SELECT f.first, b.n, b.total, l.n, l.total
          FROM (SELECT min(at) AS first FROM pain_entry WHERE patient_id = ? AND at <= ?) f
          CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(score), 0) AS total FROM pain_entry
              WHERE patient_id = ? AND at >= f.first AND at < f.first + interval '604800 seconds' AND at <= ?) b
          CROSS JOIN (SELECT count(*) AS n, coalesce(sum(score), 0) AS total FROM pain_entry
              WHERE patient_id = ? AND at > ? AND at <= ?) l""")) {
        OffsetDateTime end = time(micros(to));
        s.setObject(1, patientId);
        s.setObject(2, end);
        s.setObject(3, patientId);
        s.setObject(4, end);
        s.setObject(5, patientId);
        s.setObject(6, time(micros(to.minus(ProgressCalculator.WEEK))));
        s.setObject(7, end);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          Instant first = instant(r, 1);
          return first == null ? null : new long[] {first.getEpochSecond(), first.getNano(), r.getLong(2), r.getLong(3),
              r.getLong(4), r.getLong(5)};
        }
      }
    });
    if (row == null) {
      return ProgressCalculator.trend(null, null);
    }
    Instant first = Instant.ofEpochSecond(row[0], row[1]);
    return ProgressCalculator.trend(ProgressCalculator.average(row[3], row[2], first, first.plus(ProgressCalculator.WEEK)),
        ProgressCalculator.average(row[5], row[4], to.minus(ProgressCalculator.WEEK), to));
  }

  /** Plain SQL on the transaction's own connection, after a flush (also for {@link Alerts}' one insert). */
  static <T> T work(ReturningWork<T> work) {
    Session session = Panache.getEntityManager().unwrap(Session.class);
    session.flush(); // what this transaction persisted counts
    return session.doReturningWork(work);
  }

  private static List<ExerciseSession.ExerciseDone> parse(String exercises) {
    try {
      return JSON.readValue(exercises, EXERCISES);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable exercises of a session: " + exercises, e);
    }
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime time(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
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
}
