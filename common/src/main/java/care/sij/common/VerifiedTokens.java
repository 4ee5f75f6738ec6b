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
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers bearer tokens already verified: a client sends the same token with every request until
 * it expires, and checking its RS256 signature and claims again each time took two thirds of a
 * catalog read's CPU (bench/). A token is remembered for at most a minute and never past its expiry,
 * so a revoked key's tokens pass at most a minute longer; a token that fails is not remembered.
 */
@Decorator
@Priority(1)
abstract class VerifiedTokens implements JWTParser {
  static final Duration LONGEST = Duration.ofMinutes(1);
  private static final long MAX_TOKENS = 1_000; // a few kB each: bounded well inside the heap

  @Inject
  @Delegate
  @Any
  JWTParser parser;

  private static final Cache<String, JsonWebToken> VERIFIED = Caffeine.newBuilder().maximumSize(MAX_TOKENS)
      .expireAfter(new Expiry<String, JsonWebToken>() {
        @Override
        public long expireAfterCreate(String token, JsonWebToken jwt, long now) {
          long untilExpiry = Duration.ofSeconds(jwt.getExpirationTime() - System.currentTimeMillis() / 1000).toNanos();
          return Math.max(0, Math.min(untilExpiry, LONGEST.toNanos()));
        }

        @Override
        public long expireAfterUpdate(String token, JsonWebToken jwt, long now, long current) {
          return current;
        }

        @Override
        public long expireAfterRead(String token, JsonWebToken jwt, long now, long current) {
          return current;
        }
      }).build();

  /** Whether the token verified within the last minute and has not expired since. */
  static boolean isRemembered(String token) {
    return VERIFIED.getIfPresent(token) != null;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    JsonWebToken known = VERIFIED.getIfPresent(token);
    if (known != null) {
      return known;
    }
    JsonWebToken jwt = parser.parse(token);
    VERIFIED.put(token, jwt);
    return jwt;
  }
}
