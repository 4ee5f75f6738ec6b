package care.sij.progress.domain;

import care.sij.common.Idempotency;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The responses of keyed writes, kept for retries ({@link Idempotency}): stored in the transaction of
 * the write, tied to the write's patient, so that they go with the patient's erasure (the database
 * cascades); after the configured retention a record no longer answers and the sweep deletes it.
 */
@ApplicationScoped
public class StoredResponses {
  /** Expired records deleted per statement, so that one sweep never holds a long transaction. */
  private static final int SWEEP_BATCH = 5_000;

  private final EntityManager em;
  private final ObjectMapper json;
  private final Clock clock;
  private final IdempotencyConfig config;

  StoredResponses(EntityManager em, ObjectMapper json, Clock clock, IdempotencyConfig config) {
    this.em = em;
    this.json = json;
    this.clock = clock;
    this.config = config;
  }

  /** A response as first given; replayed when it comes from an earlier request. */
  public record Stored(int status, JsonNode body, boolean replayed) {}

  record Row(String digest, int status, JsonNode body) {}

  /**
   * Without a key, the response of {@code grouped} (a write stored with the others waiting). With one,
   * that of {@code inTransaction}, run once for the key in one transaction with the record of its
   * response, tied to the patient written to; a retry gets the stored response.
   */
  public Stored write(String tenant, UUID patientId, String key, Object request, int status, Supplier<?> grouped,
      Supplier<?> inTransaction) {
    return key == null ? new Stored(status, json.valueToTree(grouped.get()), false)
        : once(tenant, patientId, key, request, status, inTransaction);
  }

  private Stored once(String tenant, UUID patientId, String key, Object request, int status, Supplier<?> write) {
    String digest = Idempotency.digest(request);
    Idempotency.Outcome<Stored> outcome = Idempotency.once(() -> earlier(tenant, key), row -> row.digest().equals(digest),
        row -> new Stored(row.status(), row.body(), true), () -> store(tenant, patientId, key, digest, status, write));
    return outcome.answer();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Stored store(String tenant, UUID patientId, String key, String digest, int status, Supplier<?> write) {
    JsonNode body = json.valueToTree(write.get());
    em.createNativeQuery("INSERT INTO idempotent_request (tenant, idempotency_key, request_digest, status, response, created_at,"
            + " patient_id) VALUES (?1, ?2, ?3, ?4, cast(?5 AS jsonb), ?6, ?7)")
        .setParameter(1, tenant).setParameter(2, key).setParameter(3, digest).setParameter(4, status)
        .setParameter(5, body.toString()).setParameter(6, Instant.now(clock)).setParameter(7, patientId).executeUpdate();
    return new Stored(status, body, false);
  }

  /** The record for the key; empty if there is none, or only an expired one, which goes now (the sweep has not reached it). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Optional<Row> earlier(String tenant, String key) {
    List<?> rows = em.createNativeQuery("SELECT request_digest, status, cast(response AS text), created_at FROM idempotent_request"
        + " WHERE tenant = ?1 AND idempotency_key = ?2").setParameter(1, tenant).setParameter(2, key).getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = (Object[]) rows.get(0);
    if (createdAt(row[3]).isBefore(expiredBefore())) {
      em.createNativeQuery("DELETE FROM idempotent_request WHERE tenant = ?1 AND idempotency_key = ?2")
          .setParameter(1, tenant).setParameter(2, key).executeUpdate();
      return Optional.empty();
    }
    try {
      return Optional.of(new Row((String) row[0], ((Number) row[1]).intValue(), json.readTree((String) row[2])));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant createdAt(Object column) {
    return column instanceof OffsetDateTime t ? t.toInstant() : column instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) column;
  }

  private Instant expiredBefore() {
    return Instant.now(clock).minus(config.retention());
  }

  /** Deletes every record older than the retention, a batch per transaction; returns how many went. */
  public int expire() {
    Instant before = expiredBefore();
    int total = 0;
    int deleted;
    do {
      deleted = expireBatch(before);
      total += deleted;
    } while (deleted == SWEEP_BATCH);
    return total;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  int expireBatch(Instant before) {
    return em.createNativeQuery("DELETE FROM idempotent_request WHERE ctid IN"
        + " (SELECT ctid FROM idempotent_request WHERE created_at < ?1 LIMIT ?2)")
        .setParameter(1, before).setParameter(2, SWEEP_BATCH).executeUpdate();
  }

  @Scheduled(every = "${progress.idempotency.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    expire();
  }
}
