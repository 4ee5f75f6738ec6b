package care.sij.progress.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * The reads behind a patient's figures and alerts, bounded to what they use: a year of daily
 * records is 730 rows, which a read must not load and track as entities. Plain SQL: the figures'
 * reads on the transaction's own connection (after a flush, so that what this transaction wrote
 * counts); the reads that follow a batch write, on the connection given them (the group writer's
 * own, or the transaction's through {@link #work}); the entries and sessions returned carry only
 * the columns the figures use, and are not managed.
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
  static List<ExerciseSession> mayFlag(Connection c, UUID patientId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, at, pain_before, pain_after, exercises::text FROM exercise_session"
        + " WHERE patient_id = ? AND " + MAY_FLAG + " ORDER BY at")) {
      s.setObject(1, patientId);
      return sessions(s);
    }
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

  /** What a write of pain entries leads to: the trend with it, and which trend alerts of the patient are unresolved. */
  record Written(ProgressCalculator.Trend trend, Set<String> unresolved) {}

  /**
   * Within the transaction that stored pain entries, on its connection: for each patient, the trend
   * up to {@code to} as {@link ProgressCalculator#trend} defines it, and the trend alerts still
   * unresolved. First each patient's first entry, which starts the baseline week; then the count and
   * sum of scores in the weeks {@link ProgressCalculator} defines: the baseline week's from
   * the entries, the latest week's from the daily sums (pain_day) of its whole days and the entries
   * of its two partial ones, so that neither reads more than a week of entries.
   */
  static Map<UUID, Written> trends(Connection c, Collection<UUID> patients, Instant to) throws SQLException {
    Instant upto = micros(to);
    Map<UUID, Instant> first = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT p.id, (SELECT min(at) FROM pain_entry WHERE patient_id = p.id AND at <= ?)"
        + " FROM unnest(?::uuid[]) AS p (id)")) {
      s.setObject(1, time(upto));
      s.setArray(2, c.createArrayOf("uuid", patients.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          first.put(r.getObject(1, UUID.class), instant(r, 2));
        }
      }
    }
    List<UUID> ids = List.copyOf(patients);
    String[] baselineFrom = new String[ids.size()];
    String[] baselineTo = new String[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      Instant start = first.get(ids.get(i));
      if (start != null) {
        ProgressCalculator.Window baseline = ProgressCalculator.baselineWeek(start);
        baselineFrom[i] = time(ceilMicros(baseline.from())).toString();
        baselineTo[i] = time(ceilMicros(baseline.to())).toString();
      }
    }
    Map<UUID, Written> written = new HashMap<>();
    ProgressCalculator.Window latest = ProgressCalculator.latestWeek(to);
    Instant weekAgo = micros(latest.from());
    LocalDate day0 = LocalDate.ofInstant(weekAgo, ZoneOffset.UTC);
    LocalDate today = LocalDate.ofInstant(upto, ZoneOffset.UTC);
    try (PreparedStatement s = c.prepareStatement("""
        SELECT t.patient, b.n, b.total, l.n, l.total, o.keys
        FROM unnest(?::uuid[], ?::timestamptz[], ?::timestamptz[]) AS t (patient, baseline_from, baseline_to)
        CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(score), 0) AS total FROM pain_entry WHERE patient_id = t.patient
            AND at >= t.baseline_from AND at < t.baseline_to AND at <= ?) b
        CROSS JOIN LATERAL (SELECT coalesce(sum(n), 0) AS n, coalesce(sum(total), 0) AS total FROM (
            SELECT entries AS n, total FROM pain_day WHERE patient_id = t.patient AND day > ? AND day <= ?
            UNION ALL SELECT 1, score FROM pain_entry WHERE patient_id = t.patient AND at > ? AND at < ?
            UNION ALL SELECT -1, -score FROM pain_entry WHERE patient_id = t.patient AND at > ? AND at < ?) x) l
        LEFT JOIN (SELECT patient_id, array_agg(dedupe_key) AS keys FROM alert
            WHERE patient_id = ANY (?::uuid[]) AND status <> 'resolved' AND dedupe_key IN ('no_improvement', 'worsening')
            GROUP BY patient_id) o ON o.patient_id = t.patient""")) {
      s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      s.setArray(2, c.createArrayOf("timestamptz", baselineFrom));
      s.setArray(3, c.createArrayOf("timestamptz", baselineTo));
      s.setObject(4, time(upto));
      s.setObject(5, day0); // the latest week: its whole days from the daily sums,
      s.setObject(6, today);
      s.setObject(7, time(weekAgo)); // the entries of its first day after its start,
      s.setObject(8, startOf(day0.plusDays(1)));
      s.setObject(9, time(upto)); // less today's after its end (a phone's clock ahead of ours)
      s.setObject(10, startOf(today.plusDays(1)));
      s.setArray(11, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          UUID patient = r.getObject(1, UUID.class);
          Array keys = r.getArray(6);
          Set<String> unresolved = keys == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) keys.getArray()));
          Instant start = first.get(patient);
          ProgressCalculator.Trend trend = start == null ? ProgressCalculator.trend(null, null)
              : ProgressCalculator.trend(ProgressCalculator.baselineWeek(start), r.getLong(2), r.getLong(3), latest, r.getLong(4), r.getLong(5));
          written.put(patient, new Written(trend, unresolved));
        }
      }
    }
    return written;
  }

  /** Plain SQL on the transaction's own connection, after a flush. */
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

  /** Midnight UTC at the start of the day, as the daily sums count days. */
  private static OffsetDateTime startOf(LocalDate day) {
    return day.atStartOfDay().atOffset(ZoneOffset.UTC);
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
