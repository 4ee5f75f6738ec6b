package care.sij.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way of every service for writes an app may retry with an Idempotency-Key: the first answer
 * for a key is stored with the write, a retry with the same request gets it back, and the same key
 * with another request gets 422. Each service keeps the answers in its own table; the look-up and
 * the write each run in a transaction of their own (declared on the service's beans), and the key is
 * unique in the table, so of two concurrent requests with one key the second to commit fails and is
 * answered as the first was.
 */
public final class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  public static final String HEADER_DESCRIPTION = "Makes a retry safe: a retry with the same key and body gets the stored response"
      + " and stores nothing new; the same key with another body gets 422.";

  private static final ObjectMapper CANONICAL = new ObjectMapper().findAndRegisterModules()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private Idempotency() {}

  /** An answer, and whether it is the one stored for an earlier request with the same key. */
  public record Outcome<T>(T answer, boolean replayed) {}

  /**
   * Answers a keyed write once.
   *
   * @param earlier the record stored for the key, if any (in a transaction of its own)
   * @param sameRequest whether a record was stored for this very request
   * @param replay the answer a record stands for
   * @param write stores the write with its record (in a transaction of its own), giving its answer
   */
  public static <R, T> Outcome<T> once(Supplier<Optional<R>> earlier, Predicate<R> sameRequest, Function<R, T> replay,
      Supplier<T> write) {
    Optional<Outcome<T>> stored = replayed(earlier.get(), sameRequest, replay);
    if (stored.isPresent()) {
      return stored.get();
    }
    try {
      return new Outcome<>(write.get(), false);
    } catch (RuntimeException e) {
      // a concurrent request with the same key committed first: answer as it did
      return replayed(earlier.get(), sameRequest, replay).orElseThrow(() -> e);
    }
  }

  private static <R, T> Optional<Outcome<T>> replayed(Optional<R> record, Predicate<R> sameRequest, Function<R, T> replay) {
    if (record.isEmpty()) {
      return Optional.empty();
    }
    if (!sameRequest.test(record.get())) {
      throw new ProblemException.Unprocessable("this Idempotency-Key was used with a different request",
          List.of(new Problem.FieldError(HEADER, "already used with a different body")));
    }
    return Optional.of(new Outcome<>(replay.apply(record.get()), true));
  }

  /** A digest of the request that does not depend on the order of its JSON properties. */
  public static String digest(Object request) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(CANONICAL.convertValue(request, Object.class)).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
