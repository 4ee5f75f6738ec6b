package care.sij.progress.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * The reads behind a patient's figures and alerts, bounded to what they use: a year of daily
 * records is 730 rows, which a write or a chart must not load and track as entities; and the write
 * of pain entries, which reads its trend in the same statement (one round trip instead of
 * a lookup, an insert and a read, none of them through Hibernate's session). Plain SQL: the
 * figures' reads on the transaction's own connection (after a flush, so that what this transaction
 * wrote counts); a write's statements, and its alerts', on the connection given them ({@link
 * GroupCommit}'s own, or the transaction's through {@link #work}); the entries and sessions
 * returned carry only the columns the figures use, and are not managed.
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

  /**
   * Records (pain entries or sessions) to store for a patient of a tenant, with their columns as
   * text: {@code columns[c][r]} is column c of record r, in the order of the statement that stores them.
   */
  record Write<E>(String tenant, UUID patientId, List<E> records, String[][] columns) {}

  /**
   * A write of pain entries for {@link #insert}. Its columns are turned into text here, on the
   * caller's thread: the group's writer, which every write waits for, then only copies them.
   */
  static Write<PainEntry> entryWrite(String tenant, UUID patientId, List<PainEntry> records) {
    return write(tenant, patientId, records, e -> e.id, e -> e.at, e -> e.score, e -> e.context, e -> e.side,
        e -> json(e.locations), e -> e.note, e -> e.redFlags == null ? null : json(e.redFlags), e -> e.createdAt);
  }

  /** A write of sessions for {@link #insertSessions}, as {@link #entryWrite}. */
  static Write<ExerciseSession> sessionWrite(String tenant, UUID patientId, List<ExerciseSession> records) {
    return write(tenant, patientId, records, e -> e.id, e -> e.at, e -> e.routineId, e -> json(e.exercises), e -> e.painBefore,
        e -> e.painAfter, e -> e.effort, e -> e.note, e -> e.verification.name(), e -> e.createdAt);
  }

  @SafeVarargs
  private static <E> Write<E> write(String tenant, UUID patientId, List<E> records, Function<E, Object>... columns) {
    String[][] texts = new String[columns.length][records.size()];
    for (int r = 0; r < records.size(); r++) {
      for (int c = 0; c < columns.length; c++) {
        Object value = columns[c].apply(records.get(r));
        texts[c][r] = value == null ? null : value.toString();
      }
    }
    return new Write<>(tenant, patientId, records, texts);
  }

  /**
   * The start of a statement storing writes. First a SET, sent in the same round trip, that has the
   * rest of the transaction run prepared statements on their generic plan, which runs as fast: left to
   * itself the planner may keep a custom plan for a group's statement and plan it again for each
   * group, nearly as costly as running it. Then a numbers the writes from 1 (w), p keeps those whose
   * patient is their tenant's: parameters 1 and 2, bound by {@link #bind}. {@link #result} reads the answer.
   */
  private static final String WRITES = """
      SET LOCAL plan_cache_mode = force_generic_plan;
      WITH a AS (SELECT * FROM unnest(?::uuid[], ?::text[]) WITH ORDINALITY AS a (patient, tenant, w)),
      p AS (SELECT a.w, a.patient FROM a JOIN patient ON patient.id = a.patient AND patient.tenant = a.tenant),
      """;

  /** Runs a statement that starts with {@link #WRITES}: the SET gives no result, the statement after it a result set. */
  private static ResultSet result(PreparedStatement s) throws SQLException {
    s.execute();
    if (!s.getMoreResults()) {
      throw new SQLException("a group's statement returned no rows");
    }
    return s.getResultSet();
  }

  /**
   * Binds {@link #WRITES}' parameters, then from parameter 3 one text array per column of the
   * records of all writes in order: first each record's write number, then its columns. Returns
   * the next parameter's index.
   */
  private static <E> int bind(Connection c, PreparedStatement s, List<Write<E>> writes) throws SQLException {
    int n = writes.stream().mapToInt(w -> w.records().size()).sum();
    int columns = writes.get(0).columns().length;
    String[] patients = new String[writes.size()];
    String[] tenants = new String[writes.size()];
    String[][] values = new String[columns + 1][n];
    int i = 0;
    for (int w = 0; w < writes.size(); w++) {
      Write<E> write = writes.get(w);
      patients[w] = write.patientId().toString();
      tenants[w] = write.tenant();
      int size = write.records().size();
      Arrays.fill(values[0], i, i + size, Integer.toString(w + 1));
      for (int column = 0; column < columns; column++) {
        System.arraycopy(write.columns()[column], 0, values[column + 1], i, size);
      }
      i += size;
    }
    s.setArray(1, c.createArrayOf("text", patients));
    s.setArray(2, c.createArrayOf("text", tenants));
    for (int column = 0; column < values.length; column++) {
      s.setArray(column + 3, c.createArrayOf("text", values[column]));
    }
    return values.length + 3;
  }

  /** What a write of pain entries found: the trend with them, and which trend alerts of the patient are unresolved. */
  record Written(ProgressCalculator.Trend trend, Set<String> unresolved) {}

  /**
   * Stores the pain entries of several writes and reads each patient's trend with them, in one
   * statement and one round trip. For each write, in order: empty when its tenant has no such
   * patient (and nothing of it is stored), else the trend as {@link ProgressCalculator#compute}
   * gives it for a window from the first entry to {@code to}: the first entry, then the count and
   * sum of scores in its first 7 days and in the 7 days up to {@code to}. Writes for the same
   * patient each get the trend with all of them. A statement does not see its own writes, so the
   * new entries count through its RETURNING rows, and the daily sums (pain_day, kept here too) read
   * as they were before it. The latest week is read from those sums: the whole days after the one a
   * week ago, plus that day's entries after the week's start, minus today's after {@code to} (a
   * phone's clock ahead of ours); then the new entries in the week. With the trend, which trend
   * alerts are still unresolved, so that a write raises only what is not raised already.
   */
  static List<Optional<Written>> insert(Connection c, List<Write<PainEntry>> writes, Instant to) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(WRITES + """
        ins AS (INSERT INTO pain_entry (id, patient_id, at, score, context, side, locations, note, red_flags, created_at)
            SELECT e.id, p.patient, e.at, e.score, e.context, e.side, e.locations, e.note, e.red_flags, e.created_at
            FROM unnest(?::int[], ?::uuid[], ?::timestamptz[], ?::int[], ?::text[], ?::text[], ?::jsonb[], ?::text[], ?::jsonb[],
                ?::timestamptz[]) AS e (w, id, at, score, context, side, locations, note, red_flags, created_at)
            JOIN p ON p.w = e.w
            RETURNING patient_id, at, score),
        d AS (INSERT INTO pain_day (patient_id, day, entries, total)
            SELECT patient_id, (at AT TIME ZONE 'UTC')::date, count(*), sum(score) FROM ins GROUP BY 1, 2
            ON CONFLICT (patient_id, day)
                DO UPDATE SET entries = pain_day.entries + excluded.entries, total = pain_day.total + excluded.total),
        k AS NOT MATERIALIZED (SELECT ?::timestamptz AS upto, ?::timestamptz AS week_ago, ?::date AS day0,
            ?::timestamptz AS day0_end, ?::date AS today, ?::timestamptz AS today_end),
        o AS (SELECT patient_id, array_agg(dedupe_key) AS keys FROM alert -- once for the group, not for each write
            WHERE patient_id IN (SELECT patient FROM a) AND status <> 'resolved' AND dedupe_key IN ('no_improvement', 'worsening')
            GROUP BY patient_id)
        SELECT EXISTS (SELECT FROM p WHERE p.w = a.w), f.first, b.n, b.total, l.n, l.total, o.keys
        FROM a CROSS JOIN k
        CROSS JOIN LATERAL (SELECT least((SELECT min(at) FROM pain_entry WHERE patient_id = a.patient AND at <= k.upto),
            (SELECT min(at) FROM ins WHERE patient_id = a.patient AND at <= k.upto)) AS first OFFSET 0) f -- once, not in each use
        CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(score), 0) AS total FROM (
            SELECT score FROM pain_entry WHERE patient_id = a.patient
                AND at >= f.first AND at < f.first + interval '604800 seconds' AND at <= k.upto
            UNION ALL SELECT score FROM ins WHERE patient_id = a.patient
                AND at >= f.first AND at < f.first + interval '604800 seconds' AND at <= k.upto) x) b
        CROSS JOIN LATERAL (SELECT coalesce(sum(n), 0) AS n, coalesce(sum(total), 0) AS total FROM (
            SELECT entries AS n, total FROM pain_day WHERE patient_id = a.patient AND day > k.day0 AND day <= k.today
            UNION ALL SELECT 1, score FROM pain_entry WHERE patient_id = a.patient AND at > k.week_ago AND at < k.day0_end
            UNION ALL SELECT -1, -score FROM pain_entry WHERE patient_id = a.patient AND at > k.upto AND at < k.today_end
            UNION ALL SELECT 1, score FROM ins WHERE patient_id = a.patient AND at > k.week_ago AND at <= k.upto) x) l
        LEFT JOIN o ON o.patient_id = a.patient
        ORDER BY a.w""")) {
      int next = bind(c, s, writes); // the columns of entryWrite()
      Instant upto = micros(to);
      Instant weekAgo = micros(to.minus(ProgressCalculator.WEEK));
      LocalDate day0 = LocalDate.ofInstant(weekAgo, ZoneOffset.UTC);
      LocalDate today = LocalDate.ofInstant(upto, ZoneOffset.UTC);
      s.setObject(next, time(upto));
      s.setObject(next + 1, time(weekAgo));
      s.setObject(next + 2, day0);
      s.setObject(next + 3, startOf(day0.plusDays(1)));
      s.setObject(next + 4, today);
      s.setObject(next + 5, startOf(today.plusDays(1)));
      List<Optional<Written>> found = new ArrayList<>(writes.size());
      try (ResultSet r = result(s)) {
        while (r.next()) {
          found.add(r.getBoolean(1) ? Optional.of(written(r, to)) : Optional.empty());
        }
      }
      return found;
    }
  }

  /** A row of {@link #insert}'s result, of a patient found. */
  private static Written written(ResultSet r, Instant to) throws SQLException {
    Instant first = instant(r, 2);
    Array keys = r.getArray(7);
    Set<String> unresolved = keys == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) keys.getArray()));
    if (first == null) {
      return new Written(ProgressCalculator.trend(null, null), unresolved);
    }
    return new Written(ProgressCalculator.trend(
        ProgressCalculator.average(r.getLong(4), r.getLong(3), first, first.plus(ProgressCalculator.WEEK)),
        ProgressCalculator.average(r.getLong(6), r.getLong(5), to.minus(ProgressCalculator.WEEK), to)), unresolved);
  }

  /**
   * Stores the sessions of several writes in one statement; for each write in order, false when its
   * tenant has no such patient (and nothing of it is stored).
   */
  static List<Boolean> insertSessions(Connection c, List<Write<ExerciseSession>> writes) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(WRITES + """
        ins AS (INSERT INTO exercise_session (id, patient_id, at, routine_id, exercises, pain_before, pain_after, effort, note,
                verification, created_at)
            SELECT e.id, p.patient, e.at, e.routine_id, e.exercises, e.pain_before, e.pain_after, e.effort, e.note, e.verification,
                e.created_at
            FROM unnest(?::int[], ?::uuid[], ?::timestamptz[], ?::text[], ?::jsonb[], ?::int[], ?::int[], ?::int[], ?::text[],
                ?::text[], ?::timestamptz[])
                AS e (w, id, at, routine_id, exercises, pain_before, pain_after, effort, note, verification, created_at)
            JOIN p ON p.w = e.w)
        SELECT EXISTS (SELECT FROM p WHERE p.w = a.w) FROM a ORDER BY a.w""")) {
      bind(c, s, writes); // the columns of sessionWrite()
      List<Boolean> found = new ArrayList<>(writes.size());
      try (ResultSet r = result(s)) {
        while (r.next()) {
          found.add(r.getBoolean(1));
        }
      }
      return found;
    }
  }

  /** Plain SQL on the transaction's own connection, after a flush. */
  static <T> T work(ReturningWork<T> work) {
    Session session = Panache.getEntityManager().unwrap(Session.class);
    session.flush(); // what this transaction persisted counts
    return session.doReturningWork(work);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
