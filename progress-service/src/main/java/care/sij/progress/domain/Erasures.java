package care.sij.progress.domain;

import care.sij.progress.triage.TriageAssessments;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * triage-service's part of erasing a patient: its assessments about them, which progress asks it to
 * erase on behalf of the patient's tenant. The request is recorded in the erasure's own transaction,
 * so that a crash or an unreachable triage never loses it, and deleted once triage confirms.
 */
@ApplicationScoped
public class Erasures {
  private static final Logger LOG = Logger.getLogger(Erasures.class);
  /** Pending erasures asked about in one run of the retry job. */
  private static final int BATCH = 100;

  private final TriageAssessments triage;

  Erasures(TriageAssessments triage) {
    this.triage = triage;
  }

  /** Triage is to erase the tenant's assessments of the ref made before the instant: recorded with the caller's transaction, or one of its own. */
  @Transactional
  PendingErasure record(String tenant, String patientRef, Instant createdBefore) {
    PendingErasure pending = new PendingErasure();
    pending.id = UUID.randomUUID();
    pending.tenant = tenant;
    pending.patientRef = patientRef;
    pending.erasedAt = createdBefore;
    pending.persist();
    return pending;
  }

  /** Asks triage to erase; true once it has confirmed and the record is gone, false if it is to be retried. */
  boolean complete(PendingErasure pending) {
    try {
      triage.erase(pending.tenant, pending.patientRef, pending.erasedAt);
    } catch (RuntimeException e) {
      LOG.warnf("triage-service could not erase the assessments of erasure %s (%s); retried later", pending.id, e.toString());
      return false;
    }
    // a bulk delete: the retry job may have completed the same record meanwhile, and gone is gone
    forget(pending.id);
    return true;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void forget(UUID pendingId) {
    PendingErasure.delete("id", pendingId);
  }

  /** Records and asks at once, outside any transaction: for an assessment triage made after its patient's erasure. */
  void eraseLate(String tenant, String patientRef, Instant createdBefore) {
    complete(record(tenant, patientRef, createdBefore));
  }

  /** Asks triage about every pending erasure, oldest first, until one fails; returns how many triage confirmed. */
  public int retryPending() {
    List<PendingErasure> pending = oldest();
    int done = 0;
    for (PendingErasure p : pending) {
      if (!complete(p)) {
        break;
      }
      done++;
    }
    return done;
  }

  @Transactional
  List<PendingErasure> oldest() {
    return PendingErasure.<PendingErasure>findAll(Sort.by("erasedAt")).page(0, BATCH).list();
  }
}
