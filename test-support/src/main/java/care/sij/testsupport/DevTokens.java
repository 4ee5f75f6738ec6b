package care.sij.testsupport;

import care.sij.launcher.DevKey;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Tokens for tests, signed with the launcher's dev key ({@link DevKey}): valid ones of every kind a test
 * needs, and the broken ones the tests reject.
 */
public final class DevTokens {
  public static final String ISSUER = DevKey.ISSUER;
  public static final String KEY_ID = DevKey.KEY_ID;
  /** Public half of the dev key pair as a JWKS, for mp.jwt.verify.publickey.location. */
  public static final String JWKS_RESOURCE = DevKey.JWKS_RESOURCE;
  /** Every scope a tenant's token may carry (triage:delegate is for service clients only). */
  public static final String ALL_SCOPES = DevKey.ALL_SCOPES;
  /** The tenant whose catalog:write counts (catalog.curator-tenant's default). */
  public static final String CURATOR_TENANT = "sij-care";
  /** The audience each service checks (its mp.jwt.verify.audiences): a tenant's token names all three. */
  public static final List<String> ALL_AUDIENCES = DevKey.ALL_AUDIENCES;

  private DevTokens() {}

  /** A valid token for the tenant with the space-separated scopes. */
  public static String forTenant(String tenant, String scopes) {
    return forTenant(tenant, scopes, Duration.ofMinutes(30));
  }

  public static String forTenant(String tenant, String scopes, Duration lifetime) {
    return DevKey.forTenant(tenant, scopes, lifetime);
  }

  /** A valid token of the tenant, issued to the client (the azp claim): another app of the same tenant. */
  public static String forClient(String tenant, String client, String scopes) {
    return DevKey.sign(claims(tenant, scopes, ISSUER, Instant.now(), Duration.ofMinutes(30)).claim("azp", client));
  }

  /** A valid token of the tenant for these audiences only (e.g. another application of the same issuer). */
  public static String forAudience(String tenant, String scopes, String... audiences) {
    return DevKey.sign(claims(tenant, scopes, ISSUER, Instant.now(), Duration.ofMinutes(30)).audience(Set.of(audiences)));
  }

  /** What the dev token endpoint gives the service client that asks for these scopes. */
  public static String issuedToService(String client, Collection<String> requestedScopes) {
    return DevKey.issuedToService(client, requestedScopes);
  }

  public static String expired(String tenant, String scopes) {
    return expiredFor(tenant, scopes, Duration.ofHours(2));
  }

  /** A token of the tenant whose expiry was this long ago. */
  public static String expiredFor(String tenant, String scopes, Duration ago) {
    Duration lifetime = Duration.ofMinutes(30);
    return DevKey.sign(claims(tenant, scopes, ISSUER, Instant.now().minus(ago).minus(lifetime), lifetime));
  }

  public static String wrongIssuer(String tenant, String scopes) {
    return DevKey.sign(claims(tenant, scopes, "someone-else", Instant.now(), Duration.ofMinutes(30)));
  }

  /** Right claims and key id, signed with a key nobody trusts. */
  public static String wrongSignature(String tenant, String scopes) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return claims(tenant, scopes, ISSUER, Instant.now(), Duration.ofMinutes(30))
          .jws().keyId(KEY_ID).sign(generator.generateKeyPair().getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a valid token with {"alg":"none"} and no signature. */
  public static String unsigned(String tenant, String scopes) {
    String payload = forTenant(tenant, scopes).split("\\.")[1];
    String header = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".";
  }

  public static String withoutTenant(String scopes) {
    Instant now = Instant.now();
    return DevKey.sign(Jwt.issuer(ISSUER).subject("no-tenant").claim("scope", scopes).audience(Set.copyOf(ALL_AUDIENCES)).issuedAt(now)
        .expiresAt(now.plus(Duration.ofMinutes(30))));
  }

  private static JwtClaimsBuilder claims(String tenant, String scopes, String issuer, Instant issuedAt, Duration lifetime) {
    return DevKey.tenantClaims(tenant, scopes, issuer, issuedAt, lifetime);
  }
}
