package care.sij.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/** The verified-token cache, with smallrye-jwt's own parser doing the verifying. */
class VerifiedTokensTest {
  private static final String ISSUER = "verified-tokens-test";
  private static final KeyPair KEYS = keys();

  private final DefaultJWTParser parser = parser();
  private final AtomicInteger verifications = new AtomicInteger();

  private JsonWebToken verified(String token) throws ParseException {
    return VerifiedTokens.verified(token, t -> {
      verifications.incrementAndGet();
      return parser.parse(t);
    });
  }

  @Test
  void aTokenIsVerifiedOnceThenRememberedUnderItsDigestAlone() throws ParseException {
    String token = token("tenant-a", 300);
    JsonWebToken first = verified(token);
    JsonWebToken again = verified(token);
    assertSame(first, again);
    assertEquals(1, verifications.get(), "the second request finds the token remembered");
    assertTrue(VerifiedTokens.isRemembered(token));
    assertFalse(VerifiedTokens.isRemembered(token("tenant-a", 300)), "another token is not");

    Map<VerifiedTokens.Digest, JsonWebToken> remembered = VerifiedTokens.remembered();
    assertTrue(remembered.containsKey(VerifiedTokens.digest(token)));
    for (Map.Entry<VerifiedTokens.Digest, JsonWebToken> entry : remembered.entrySet()) {
      assertFalse(entry.getKey().toString().contains(token));
      JsonWebToken jwt = entry.getValue();
      assertNull(jwt.getRawToken(), "the remembered claims do not carry the token");
      assertFalse(jwt.getClaimNames().contains("raw_token"));
      for (String claim : jwt.getClaimNames()) {
        assertFalse(String.valueOf(jwt.<Object>getClaim(claim)).contains(token.split("\\.")[2]),
            claim + " holds no part of a signature");
      }
    }
  }

  @Test
  void theRememberedClaimsAreTheVerifiedOnes() throws ParseException {
    String token = token("tenant-b", 300);
    JsonWebToken original = parser.parse(token);
    JsonWebToken remembered = verified(token);
    assertEquals("tenant-b", remembered.<String>getClaim("tenant"));
    assertEquals("tenant-b-app", remembered.<String>getClaim("azp"));
    assertEquals(Set.of("catalog:read", "progress:read"), remembered.getGroups());
    assertEquals(Set.of("sij-catalog", "sij-progress"), remembered.getAudience());
    assertEquals(original.getExpirationTime(), remembered.getExpirationTime());
    assertEquals(original.getIssuer(), remembered.getIssuer());
    assertEquals(original.getSubject(), remembered.getSubject());
    assertEquals(original.getName(), remembered.getName());
  }

  @Test
  void aTokenThatFailsIsNotRemembered() {
    String token = token("tenant-c", -120); // expired two minutes ago
    assertThrows(ParseException.class, () -> verified(token));
    assertFalse(VerifiedTokens.isRemembered(token));
    assertThrows(ParseException.class, () -> verified(token));
    assertEquals(2, verifications.get());
  }

  @Test
  void aDigestIsQuickToMake() {
    String token = token("tenant-d", 300) + "x".repeat(200); // as long as a real one with more claims
    for (int i = 0; i < 20_000; i++) { // let the JIT compile it first
      VerifiedTokens.digest(token);
    }
    int rounds = 20_000;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      VerifiedTokens.digest(token);
    }
    long each = (System.nanoTime() - start) / rounds;
    assertTrue(each < 50_000, "one digest took " + each + " ns"); // a generous bound on a busy shared machine
  }

  private static String token(String tenant, long secondsToLive) {
    try {
      JwtClaims claims = new JwtClaims();
      claims.setIssuer(ISSUER);
      claims.setSubject(tenant + "-user");
      claims.setAudience(List.of("sij-catalog", "sij-progress"));
      claims.setClaim("tenant", tenant);
      claims.setClaim("azp", tenant + "-app");
      claims.setClaim("scope", "catalog:read progress:read");
      claims.setJwtId(UUID.randomUUID().toString());
      claims.setIssuedAtToNow();
      org.jose4j.jwt.NumericDate expiry = org.jose4j.jwt.NumericDate.now();
      expiry.addSeconds(secondsToLive);
      claims.setExpirationTime(expiry);
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(claims.toJson());
      jws.setKey(KEYS.getPrivate());
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DefaultJWTParser parser() {
    JWTAuthContextInfo context = new JWTAuthContextInfo(KEYS.getPublic(), ISSUER);
    context.setGroupsPath("scope");
    context.setGroupsSeparator(" ");
    context.setExpectedAudience(Set.of("sij-catalog"));
    context.setClockSkew(1);
    return new DefaultJWTParser(context);
  }

  private static KeyPair keys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
