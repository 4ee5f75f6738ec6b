package care.sij.progress.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One exercise session: what was done from the catalog, and how the pain responded. */
@Entity
@Table(name = "exercise_session")
public class ExerciseSession extends PanacheEntityBase {
  /** verified: every exercise is in the catalog; pending: the catalog could not be asked yet. */
  public enum Verification { verified, pending, unknown_exercise }

  /** One exercise done in the session. */
  public record ExerciseDone(String exerciseId, String side, Integer sets, Integer reps, Integer holdSeconds, Integer painDuring) {}

  @Id
  public UUID id;
  @Column(name = "patient_id")
  public UUID patientId;
  public Instant at;
  @Column(name = "routine_id")
  public String routineId;
  @JdbcTypeCode(SqlTypes.JSON)
  public List<ExerciseDone> exercises;
  @Column(name = "pain_before")
  public Integer painBefore;
  @Column(name = "pain_after")
  public Integer painAfter;
  public Integer effort;
  public String note;
  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  public Verification verification;
  @Column(name = "created_at")
  public Instant createdAt;
}
