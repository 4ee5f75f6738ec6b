package care.sij.progress.domain;

import care.sij.common.Cursor;
import care.sij.common.ProblemException;
import care.sij.progress.triage.TriageAssessment;
import care.sij.progress.triage.TriageAssessments;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Alerts raised from what patients record: no improvement a week after the first entry, a worsening
 * trend, an exercise that makes pain worse, and red flags. A red flag is raised at once at the most
 * cautious disposition and given triage-service's disposition as soon as triage answers.
 */
@ApplicationScoped
public class Alerts {
  private static final Logger LOG = Logger.getLogger(Alerts.class);
  /** Until triage-service has answered, a red flag is treated as the most urgent case. */
  public static final String MOST_CAUTIOUS = "emergency_ambulance";

  private final TriageAssessments triage;
  private final Erasures erasures;
  private final Clock clock;

  Alerts(TriageAssessments triage, Erasures erasures, Clock clock) {
    this.triage = triage;
    this.erasures = erasures;
    this.clock = clock;
  }

  /** What triage is asked about for an alert: the patient's ref and the entry's red-flag answers. */
  record Subject(String patientRef, RedFlags redFlags) {}

  /**
   * Within the write's transaction, on its connection, given what the write found; returns the
   * red-flag alert raised for each entry that has one. A trend alert still unresolved is not raised again.
   */
  Map<UUID, UUID> afterEntries(Connection c, String tenant, UUID patientId, List<PainEntry> added, FigureReads.Written written)
      throws SQLException {
    Map<UUID, UUID> redFlagAlerts = new HashMap<>();
    for (PainEntry e : added) {
      if (e.redFlags != null && e.redFlags.anyPresent()) {
        // the key names the entry: never raised before, so always returned
        raise(c, tenant, patientId, Alert.Type.red_flag, "red_flag:" + e.id, "Red-flag answers with the pain entry of " + e.at
            + "; triage-service is asked for a disposition.", e.id, null, MOST_CAUTIOUS, "fallback")
            .ifPresent(id -> redFlagAlerts.put(e.id, id));
      }
    }
    ProgressCalculator.Trend trend = written.trend(); // as the figures from the first entry to the write give it
    if (trend.baseline() != null && trend.latest() != null) {
      // the latest week ends at the write
      boolean weekPassed = !trend.baseline().from().plus(ProgressCalculator.WEEK).isAfter(trend.latest().to());
      if (weekPassed && !"improved".equals(trend.change().direction()) && !written.unresolved().contains("no_improvement")) {
        raise(c, tenant, patientId, Alert.Type.no_improvement, "no_improvement", "Pain has not improved meaningfully a week after "
            + "the first entry: baseline " + trend.baseline().value() + ", last 7 days " + trend.latest().value() + ".");
      }
      if (trend.change().points().doubleValue() >= ProgressCalculator.MEANINGFUL_POINTS && !written.unresolved().contains("worsening")) {
        raise(c, tenant, patientId, Alert.Type.worsening, "worsening", "The 7-day average (" + trend.latest().value()
            + ") is " + trend.change().points() + " points above the baseline (" + trend.baseline().value() + ").");
      }
    }
    return redFlagAlerts;
  }

  /**
   * Within the write's transaction, on its connection: for each exercise that raised pain by 2 points
   * or more in the sessions written, an alert naming every session of the patient in which it did,
   * unless one is unresolved. A session that flags nothing raises nothing, so a resolved alert stays
   * resolved until the exercise hurts again.
   */
  void afterSessions(Connection c, String tenant, UUID patientId, List<ExerciseSession> written) throws SQLException {
    Set<String> flaggedNow = new HashSet<>();
    ProgressCalculator.flagged(written).forEach(f -> flaggedNow.add(f.exerciseId()));
    if (flaggedNow.isEmpty()) {
      return;
    }
    for (var flagged : ProgressCalculator.flagged(FigureReads.mayFlag(c, patientId))) {
      if (flaggedNow.contains(flagged.exerciseId())) {
        raise(c, tenant, patientId, Alert.Type.flagged_exercise, "flagged_exercise:" + flagged.exerciseId(), "Pain rose by 2 points or "
            + "more during " + flagged.exerciseId() + " in " + flagged.sessions().size() + " session(s): stop it until a clinician "
            + "reviews it.", null, flagged.exerciseId(), null, null);
      }
    }
  }

  /** A trend alert: about the patient's pain as a whole, no entry, exercise or disposition of its own. */
  private void raise(Connection c, String tenant, UUID patientId, Alert.Type type, String key, String detail) throws SQLException {
    raise(c, tenant, patientId, type, key, detail, null, null, null, null);
  }

  /**
   * Raises the alert unless one of the patient's with the same key is still unresolved (alert_once),
   * in one statement: a write that meets another write's alert not yet committed waits for it, then
   * raises nothing. Returns the new alert's id, or empty if there was one already.
   */
  private Optional<UUID> raise(Connection c, String tenant, UUID patientId, Alert.Type type, String key, String detail, UUID entryId,
      String exerciseId, String disposition, String dispositionSource) throws SQLException {
    OffsetDateTime at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO alert (id, patient_id, tenant, type, dedupe_key, status, detail,"
        + " entry_id, exercise_id, disposition, disposition_source, created_at, updated_at)"
        + " VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (patient_id, dedupe_key) WHERE status <> 'resolved' DO NOTHING RETURNING id")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setObject(2, patientId);
      insert.setString(3, tenant);
      insert.setString(4, type.name());
      insert.setString(5, key);
      insert.setString(6, detail);
      insert.setObject(7, entryId, Types.OTHER);
      insert.setString(8, exerciseId);
      insert.setString(9, disposition);
      insert.setString(10, dispositionSource);
      insert.setObject(11, at);
      insert.setObject(12, at);
      try (ResultSet r = insert.executeQuery()) {
        return r.next() ? Optional.of(r.getObject(1, UUID.class)) : Optional.<UUID>empty();
      }
    }
  }

  /** Asks triage-service about red-flag alerts still on the cautious fallback (of one patient, or all when null). */
  public int askTriagePending(UUID patientId) {
    List<Alert> pending = onFallback(patientId);
    int answered = 0;
    for (Alert alert : pending) {
      Subject subject = subject(alert);
      if (subject == null) {
        continue;
      }
      TriageAssessment assessment;
      try {
        // on behalf of the patient's tenant, which owns the assessment and reads it at the alert's triageAssessmentId
        assessment = triage.assess(alert.tenant, subject.patientRef(), alert.id, subject.redFlags());
      } catch (RuntimeException e) {
        LOG.warnf("triage-service could not assess alert %s (%s); it stays at %s and is retried", alert.id, e.toString(), MOST_CAUTIOUS);
        return answered;
      }
      int updated = answer(alert.id, assessment);
      if (updated == 0) { // the patient was erased while triage assessed: what triage made then goes too
        Instant made = assessment.createdAt() != null ? assessment.createdAt() : Instant.now(clock);
        erasures.eraseLate(alert.tenant, subject.patientRef(), made.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS));
        continue;
      }
      answered++;
    }
    return answered;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  List<Alert> onFallback(UUID patientId) {
    return patientId == null
        ? Alert.list("dispositionSource = ?1 and status <> ?2", "fallback", Alert.Status.resolved)
        : Alert.list("patientId = ?1 and dispositionSource = ?2 and status <> ?3", patientId, "fallback", Alert.Status.resolved);
  }

  /** The patient's ref and the entry's red flags; null when either is gone (erased meanwhile). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Subject subject(Alert alert) {
    RedFlags flags = PainEntry.<PainEntry>findByIdOptional(alert.entryId).map(e -> e.redFlags).orElse(null);
    Patient patient = Patient.findById(alert.patientId);
    return flags == null || patient == null ? null : new Subject(patient.ref, flags);
  }

  /** Gives the alert triage's disposition; how many alerts changed (none when it is gone). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  int answer(UUID alertId, TriageAssessment assessment) {
    return Alert.update("disposition = ?1, dispositionSource = 'triage', triageAssessmentId = ?2, updatedAt = ?3 where id = ?4",
        assessment.disposition(), assessment.id(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS), alertId);
  }

  public Alert get(String tenant, UUID id) {
    return Alert.<Alert>find("tenant = ?1 and id = ?2", tenant, id).firstResultOptional()
        .orElseThrow(() -> new ProblemException.NotFound("alert", id));
  }

  public List<Alert> list(String tenant, Alert.Status status, UUID patientId, Cursor after, int limit) {
    StringBuilder where = new StringBuilder("tenant = :tenant");
    Parameters params = Parameters.with("tenant", tenant);
    if (status != null) {
      where.append(" and status = :status");
      params.and("status", status);
    }
    if (patientId != null) {
      where.append(" and patientId = :patient");
      params.and("patient", patientId);
    }
    if (after != null) {
      where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
      params.and("at", after.at()).and("id", after.id());
    }
    return Alert.<Alert>find(where + " order by createdAt desc, id desc", params).page(0, limit).list();
  }

  /** Open alerts of one patient, for the progress figures. */
  public List<Alert> open(UUID patientId) {
    return Alert.list("patientId = ?1 and status = ?2 order by createdAt desc", patientId, Alert.Status.open);
  }

  /** open to acknowledged, or either to resolved; a resolved alert stays resolved. */
  @Transactional
  public Alert move(String tenant, UUID id, Alert.Status to) {
    Alert alert = get(tenant, id);
    if (alert.status == Alert.Status.resolved || (alert.status == to)) {
      throw new ProblemException.Conflict("the alert is " + alert.status + " already", "status");
    }
    alert.status = to;
    alert.updatedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    return alert;
  }

}
