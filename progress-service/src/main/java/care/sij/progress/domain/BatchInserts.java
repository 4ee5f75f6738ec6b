package care.sij.progress.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The batch writes of pain entries and sessions: every record of several writes in one statement,
 * each write stored only when its patient is its tenant's. Plain SQL on the connection given (the
 * group writer's own, or the transaction's through {@link FigureReads#work}); what follows from a
 * write (trend, alerts) is read afterwards, in the same transaction.
 */
final class BatchInserts {
  private BatchInserts() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Records (pain entries or sessions) to store for a patient of a tenant, with their columns as
   * text: {@code columns[c][r]} is column c of record r, in the order of the statement that stores them.
   */
  record Write<E>(String tenant, UUID patientId, List<E> records, String[][] columns) {}

  /**
   * A write of pain entries for {@link #entries}. Its columns are turned into text here, on the
   * caller's thread: the group's writer, which every write waits for, then only copies them.
   */
  static Write<PainEntry> entryWrite(String tenant, UUID patientId, List<PainEntry> records) {
    return write(tenant, patientId, records, e -> e.id, e -> e.at, e -> e.score, e -> e.context, e -> e.side,
        e -> json(e.locations), e -> e.note, e -> e.redFlags == null ? null : json(e.redFlags), e -> e.createdAt);
  }

  /** A write of sessions for {@link #sessions}, as {@link #entryWrite}. */
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

  /**
   * Stores the pain entries of several writes, and adds them to their patients' daily sums
   * (pain_day), in one statement; for each write in order, false when its tenant has no such patient
   * (and nothing of it is stored).
   */
  static List<Boolean> entries(Connection c, List<Write<PainEntry>> writes) throws SQLException {
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
                DO UPDATE SET entries = pain_day.entries + excluded.entries, total = pain_day.total + excluded.total)
        SELECT EXISTS (SELECT FROM p WHERE p.w = a.w) FROM a ORDER BY a.w""")) {
      bind(c, s, writes); // the columns of entryWrite()
      return found(s);
    }
  }

  /**
   * Stores the sessions of several writes in one statement; for each write in order, false when its
   * tenant has no such patient (and nothing of it is stored).
   */
  static List<Boolean> sessions(Connection c, List<Write<ExerciseSession>> writes) throws SQLException {
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
      return found(s);
    }
  }

  /** For each write in order, whether its patient was found. */
  private static List<Boolean> found(PreparedStatement s) throws SQLException {
    List<Boolean> found = new ArrayList<>();
    try (ResultSet r = result(s)) {
      while (r.next()) {
        found.add(r.getBoolean(1));
      }
    }
    return found;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}
