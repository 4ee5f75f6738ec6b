package care.sij.progress.domain;

import care.sij.common.Problem;
import care.sij.common.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes that an offline app may retry: with an Idempotency-Key, the first response is stored in the
 * same transaction as the write, and a retry with the same key and body gets it back unchanged.
 */
@ApplicationScoped
public class Idempotency {
  private static final ObjectMapper CANONICAL = new ObjectMapper().findAndRegisterModules()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private final EntityManager em;
  private final ObjectMapper json;
  private final Clock clock;

  Idempotency(EntityManager em, ObjectMapper json, Clock clock) {
    this.em = em;
    this.json = json;
    this.clock = clock;
  }

  /** A response as first given; replayed when it comes from an earlier request. */
  public record Stored(int status, JsonNode body, boolean replayed) {}

  /**
   * With a key, runs {@code write} in one transaction with the record of its response; without one,
   * runs it as it is (a write starts a transaction of its own when none is under way).
   */
  public Stored write(String tenant, String key, Object request, int status, Supplier<?> write) {
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
        em.createNativeQuery("INSERT INTO idempotent_request (tenant, idempotency_key, request_digest, status, response, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, cast(?5 AS jsonb), ?6)")
            .setParameter(1, tenant).setParameter(2, key).setParameter(3, digest).setParameter(4, status)
            .setParameter(5, body.toString()).setParameter(6, Instant.now(clock)).executeUpdate();
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

  private Stored earlier(String tenant, String key, String digest) {
    List<?> rows = em.createNativeQuery("SELECT request_digest, status, cast(response AS text) FROM idempotent_request"
        + " WHERE tenant = ?1 AND idempotency_key = ?2").setParameter(1, tenant).setParameter(2, key).getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] row = (Object[]) rows.get(0);
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

  private static String digest(Object request) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(CANONICAL.convertValue(request, Object.class)).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
