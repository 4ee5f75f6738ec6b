package care.sij.progress.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A person followed over weeks, under the tenant's own pseudonymous reference. */
@Entity
public class Patient extends PanacheEntityBase {
  @Id
  public UUID id;
  public String tenant;
  public String ref;
  @Column(name = "plan_routine_id")
  public String planRoutineId;
  @Column(name = "plan_sessions_per_week")
  public Integer planSessionsPerWeek;
  @Column(name = "created_at")
  public Instant createdAt;

  /** By primary key (from the transaction's own entities when loaded already), then the tenant checked. */
  static Optional<Patient> find(String tenant, UUID id) {
    return Patient.<Patient>findByIdOptional(id).filter(p -> p.tenant.equals(tenant));
  }

  static boolean refTaken(String tenant, String ref) {
    return count("tenant = ?1 and ref = ?2", tenant, ref) > 0;
  }
}
