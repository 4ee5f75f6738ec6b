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

/** A pain score (0 to 10) at a moment, with its context. */
@Entity
@Table(name = "pain_entry")
public class PainEntry extends PanacheEntityBase {
  @Id
  public UUID id;
  @Column(name = "patient_id")
  public UUID patientId;
  public Instant at;
  public int score;
  public String context;
  public String side;
  @JdbcTypeCode(SqlTypes.JSON)
  public List<String> locations;
  public String note;
  @Column(name = "red_flags")
  @JdbcTypeCode(SqlTypes.JSON)
  public RedFlags redFlags;
  @Column(name = "created_at")
  public Instant createdAt;
}
