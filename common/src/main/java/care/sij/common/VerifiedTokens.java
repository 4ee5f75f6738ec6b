package care.sij.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers bearer tokens already verified: a client sends the same token with every request until
 * it expires, and checking its signature again each time would be most of a cached read's work
 * (docs/decisions/0007). A token is remembered for at most a minute and never past its expiry,
 * so a revoked key's tokens pass at most a minute longer; a token that fails is not remembered.
 *
 * <p>What is remembered cannot be used as a bearer token: the key is the token's SHA-256 digest and
 * the value its claims without the token itself ({@link RememberedToken}), so that a heap dump or a
 * memory leak hands out no credential.
 */
@Decorator
@Priority(1)
abstract class VerifiedTokens implements JWTParser {
  static final Duration LONGEST = Duration.ofMinutes(1);
  private static final long MAX_TOKENS = 1_000; // bounded well inside the heap

  /** A token's SHA-256 digest, as four numbers: compared and hashed without another allocation. */
  record Digest(long a, long b, long c, long d) {}

  /** Verifies a token, or fails; the parser this decorates, in production. */
  @FunctionalInterface
  interface Verifier {
    JsonWebToken verify(String token) throws ParseException;
  }

  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  });

  @Inject
  @Delegate
  @Any
  JWTParser parser;

  private static final Cache<Digest, JsonWebToken> VERIFIED = Caffeine.newBuilder().maximumSize(MAX_TOKENS)
      .expireAfter(new Expiry<Digest, JsonWebToken>() {
        @Override
        public long expireAfterCreate(Digest token, JsonWebToken jwt, long now) {
          long untilExpiry = Duration.ofSeconds(jwt.getExpirationTime() - System.currentTimeMillis() / 1000).toNanos();
          return Math.max(0, Math.min(untilExpiry, LONGEST.toNanos()));
        }

        @Override
        public long expireAfterUpdate(Digest token, JsonWebToken jwt, long now, long current) {
          return current;
        }

        @Override
        public long expireAfterRead(Digest token, JsonWebToken jwt, long now, long current) {
          return current;
        }
      }).build();

  /** Whether the token verified within the last minute and has not expired since. */
  static boolean isRemembered(String token) {
    return VERIFIED.getIfPresent(digest(token)) != null;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    return verified(token, parser::parse);
  }

  /** The remembered claims of the token, else those the verifier finds, remembered from now on. */
  static JsonWebToken verified(String token, Verifier verifier) throws ParseException {
    Digest key = digest(token);
    JsonWebToken known = VERIFIED.getIfPresent(key);
    if (known != null) {
      return known;
    }
    JsonWebToken jwt = RememberedToken.of(verifier.verify(token));
    VERIFIED.put(key, jwt);
    return jwt;
  }

  /** What is remembered now, for tests: digests and claims. */
  static Map<Digest, JsonWebToken> remembered() {
    return Map.copyOf(VERIFIED.asMap());
  }

  static Digest digest(String token) {
    MessageDigest sha256 = SHA_256.get();
    // a JWT is ASCII (base64url and dots); any other character still digests to one key per token
    ByteBuffer hash = ByteBuffer.wrap(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
  }
}
