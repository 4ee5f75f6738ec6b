package care.sij.progress.domain;

import care.sij.common.Problem;
import care.sij.common.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes that an offline app may retry: with an Idempotency-Key, the first response is stored in the
 * same transaction as the write, and a retry with the same key and body gets it back unchanged. The
 * record belongs to the write's patient and goes with the patient's erasure (the database cascades);
 * after the configured retention it no longer answers and the sweep deletes it.
 */
@ApplicationScoped
public class Idempotency {
  private static final ObjectMapper CANONICAL = new ObjectMapper().findAndRegisterModules()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  /** Expired records deleted per statement, so that one sweep never holds a long transaction. */
  private static final int SWEEP_BATCH = 5_000;

  private final EntityManager em;
  private final ObjectMapper json;
  private final Clock clock;
  private final IdempotencyConfig config;

  Idempotency(EntityManager em, ObjectMapper json, Clock clock, IdempotencyConfig config) {
    this.em = em;
    this.json = json;
    this.clock = clock;
    this.config = config;
  }

  /** A response as first given; replayed when it comes from an earlier request. */
  public record Stored(int status, JsonNode body, boolean replayed) {}

  /**
   * With a key, runs {@code write} in one transaction with the record of its response, tied to the
   * patient written to; without one, runs it as it is (a write starts a transaction of its own when
   * none is under way).
   */
  public Stored write(String tenant, UUID patientId, String key, Object request, int status, Supplier<?> write) {
    if (key == null) {
      return new Stored(status, json.valueToTree(write.get()), false);
    }
    String digest = digest(request);
    try {
      return QuarkusTransaction.requiringNew().call(() -> {
        Stored earlier = earlier(tenant, key, digest);
        if (earlier != null) {
          return earlier;
        }
        JsonNode body = json.valueToTree(write.get());
        em.createNativeQuery("INSERT INTO idempotent_request (tenant, idempotency_key, request_digest, status, response, created_at,"
                + " patient_id) VALUES (?1, ?2, ?3, ?4, cast(?5 AS jsonb), ?6, ?7)")
            .setParameter(1, tenant).setParameter(2, key).setParameter(3, digest).setParameter(4, status)
            .setParameter(5, body.toString()).setParameter(6, Instant.now(clock)).setParameter(7, patientId).executeUpdate();
        return new Stored(status, body, false);
      });
    } catch (RuntimeException e) {
      // a concurrent request with the same key committed first: answer as it did
      Stored winner = QuarkusTransaction.requiringNew().call(() -> earlier(tenant, key, digest));
      if (winner != null) {
        return winner;
      }
      throw e;
    }
  }

  /** The stored response for the key; null if there is none, or only an expired one, which goes now. */
  private Stored earlier(String tenant, String key, String digest) {
    List<?> rows = em.createNativeQuery("SELECT request_digest, status, cast(response AS text), created_at FROM idempotent_request"
        + " WHERE tenant = ?1 AND idempotency_key = ?2").setParameter(1, tenant).setParameter(2, key).getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] row = (Object[]) rows.get(0);
    if (createdAt(row[3]).isBefore(expiredBefore())) { // the sweep has not reached it yet: it answers nothing either
      em.createNativeQuery("DELETE FROM idempotent_request WHERE tenant = ?1 AND idempotency_key = ?2")
          .setParameter(1, tenant).setParameter(2, key).executeUpdate();
      return null;
    }
    if (!row[0].equals(digest)) {
      throw new ProblemException.Unprocessable("this Idempotency-Key was used with a different request",
          List.of(new Problem.FieldError("Idempotency-Key", "already used with a different body")));
    }
    try {
      return new Stored(((Number) row[1]).intValue(), json.readTree((String) row[2]), true);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant createdAt(Object column) {
    return column instanceof java.time.OffsetDateTime t ? t.toInstant()
        : column instanceof java.sql.Timestamp t ? t.toInstant() : (Instant) column;
  }

  private Instant expiredBefore() {
    return Instant.now(clock).minus(config.retention());
  }

  /** Deletes every record older than the retention; returns how many went. */
  public int expire() {
    Instant before = expiredBefore();
    int total = 0;
    int deleted;
    do {
      deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("DELETE FROM idempotent_request WHERE ctid IN"
          + " (SELECT ctid FROM idempotent_request WHERE created_at < ?1 LIMIT ?2)")
          .setParameter(1, before).setParameter(2, SWEEP_BATCH).executeUpdate());
      total += deleted;
    } while (deleted == SWEEP_BATCH);
    return total;
  }

  @Scheduled(every = "${progress.idempotency.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    expire();
  }

  private static String digest(Object request) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(CANONICAL.convertValue(request, Object.class)).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
