package care.sij.progress.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * triage-service's part of a patient's erasure, until triage confirms it: the tenant, the patient's ref
 * and the moment of erasure (triage erases the ref's assessments made before it). No health data.
 */
@Entity
@Table(name = "pending_erasure")
public class PendingErasure extends PanacheEntityBase {
  @Id
  public UUID id;
  public String tenant;
  @Column(name = "patient_ref")
  public String patientRef;
  @Column(name = "erased_at")
  public Instant erasedAt;
}
