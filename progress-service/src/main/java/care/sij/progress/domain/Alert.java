package care.sij.progress.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** Something about a patient that a clinician should look at. */
@Entity
public class Alert extends PanacheEntityBase {
  public enum Type { no_improvement, worsening, flagged_exercise, red_flag }

  public enum Status { open, acknowledged, resolved }

  @Id
  public UUID id;
  @Column(name = "patient_id")
  public UUID patientId;
  public String tenant;
  @Enumerated(EnumType.STRING)
  public Type type;
  /** At most one unresolved alert per patient and key. */
  @Column(name = "dedupe_key")
  public String dedupeKey;
  @Enumerated(EnumType.STRING)
  public Status status;
  public String detail;
  @Column(name = "exercise_id")
  public String exerciseId;
  @Column(name = "entry_id")
  public UUID entryId;
  public String disposition;
  /** triage, or fallback: the most cautious disposition while triage-service could not be asked. */
  @Column(name = "disposition_source")
  public String dispositionSource;
  @Column(name = "triage_assessment_id")
  public UUID triageAssessmentId;
  @Column(name = "created_at")
  public Instant createdAt;
  @Column(name = "updated_at")
  public Instant updatedAt;
}
