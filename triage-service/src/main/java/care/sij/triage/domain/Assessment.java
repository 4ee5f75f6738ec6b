package care.sij.triage.domain;

import care.sij.common.Cursor;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An assessment as it was given, kept with the rule-set version that produced it. */
@Entity
public class Assessment extends PanacheEntityBase {
  @Id
  public UUID id;
  public String tenant;
  @Column(name = "patient_ref")
  public String patientRef;
  @Column(name = "created_at")
  public Instant createdAt;
  @Column(name = "ruleset_version")
  public String rulesetVersion;
  public String disposition;
  @JdbcTypeCode(SqlTypes.JSON)
  public JsonNode report;
  @JdbcTypeCode(SqlTypes.JSON)
  public JsonNode result;
  // a retry is matched on the stored report, which outlives changes to the report's fields: request_digest is no longer written
  @Column(name = "idempotency_key")
  public String idempotencyKey;

  public static Optional<Assessment> byIdempotencyKey(String tenant, String key) {
    return find("tenant = ?1 and idempotencyKey = ?2", tenant, key).firstResultOptional();
  }

  public static Optional<Assessment> find(String tenant, UUID id) {
    return find("tenant = ?1 and id = ?2", tenant, id).firstResultOptional();
  }

  /** Newest first, after the cursor; all of the tenant's when patientRef is null. */
  public static List<Assessment> list(String tenant, String patientRef, Cursor after, int limit) {
    StringBuilder where = new StringBuilder("tenant = :tenant");
    var params = io.quarkus.panache.common.Parameters.with("tenant", tenant);
    if (patientRef != null) {
      where.append(" and patientRef = :ref");
      params.and("ref", patientRef);
    }
    if (after != null) {
      where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
      params.and("at", after.at()).and("id", after.id());
    }
    return find(where + " order by createdAt desc, id desc", params).page(0, limit).list();
  }
}
