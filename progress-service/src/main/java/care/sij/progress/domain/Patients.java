package care.sij.progress.domain;

import care.sij.common.Cursor;
import care.sij.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Patients of one tenant: another tenant's patient does not exist for the caller. */
@ApplicationScoped
public class Patients {
  private final Clock clock;
  private final Erasures erasures;

  Patients(Clock clock, Erasures erasures) {
    this.clock = clock;
    this.erasures = erasures;
  }

  /** A plan the patient follows: a catalog routine and how many sessions a week. */
  public record Plan(String routineId, Integer sessionsPerWeek) {}

  @Transactional
  public Patient create(String tenant, String ref, Plan plan) {
    if (Patient.refTaken(tenant, ref)) {
      throw new ProblemException.Conflict("a patient with ref '" + ref + "' exists already", "ref");
    }
    Patient patient = new Patient();
    patient.id = UUID.randomUUID();
    patient.tenant = tenant;
    patient.ref = ref;
    patient.planRoutineId = plan == null ? null : plan.routineId();
    patient.planSessionsPerWeek = plan == null ? null : plan.sessionsPerWeek();
    patient.createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    patient.persist();
    return patient;
  }

  /** Newest first, after the given position (null: from the newest). */
  public List<Patient> list(String tenant, Cursor after, int limit) {
    String order = " order by createdAt desc, id desc";
    var query = after == null
        ? Patient.find("tenant = ?1" + order, tenant)
        : Patient.find("tenant = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))" + order, tenant, after.at(), after.id());
    return query.page(0, limit).list();
  }

  public Patient get(String tenant, UUID id) {
    return Patient.find(tenant, id).orElseThrow(() -> new ProblemException.NotFound("patient", id));
  }

  /**
   * Erasure: the patient and every record of theirs here (the database cascades to entries, daily sums,
   * sessions, alerts and stored responses), then triage's assessments about them. Returns whether
   * triage's part is done too; if not, it is pending and retried until triage confirms.
   */
  public boolean erase(String tenant, UUID id) {
    return erasures.complete(deleteRecordingTriagePart(tenant, id));
  }

  /** Deletes the patient and records triage's part, in one transaction; triage is asked after it commits. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  PendingErasure deleteRecordingTriagePart(String tenant, UUID id) {
    Patient patient = get(tenant, id);
    patient.delete();
    Patient.flush(); // the patient's alerts are locked from here: a triage answer about one waits, then finds it gone
    // triage erases what it made before this instant, in the microseconds both keep
    return erasures.record(tenant, patient.ref, Instant.now(clock).truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS));
  }
}
