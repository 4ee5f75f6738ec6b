package care.sij.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tokens signed with the dev key pair (dev-keys/ in this jar). Only tests and the local run trust
 * that key; no production configuration names it. Also mints the broken tokens the tests reject.
 *
 * <p>Command line: {@code ./dev-token TENANT [SCOPE ...]} prints a token valid for 12 hours.
 */
public final class DevTokens {
  public static final String ISSUER = "sij-care-dev";
  public static final String KEY_ID = "sij-care-dev";
  /** Public half of the dev key pair as a JWKS, for mp.jwt.verify.publickey.location. */
  public static final String JWKS_RESOURCE = "dev-keys/jwks.json";
  /** Every scope a tenant's token may carry (triage:delegate is for service clients only). */
  public static final String ALL_SCOPES = "catalog:read catalog:write triage:assess triage:read triage:erase progress:read "
      + "progress:write progress:erase alerts:manage audit:read";
  /** The tenant whose catalog:write counts (catalog.curator-tenant's default). */
  public static final String CURATOR_TENANT = "sij-care";
  /** The audience each service checks (its mp.jwt.verify.audiences): a tenant's token names all three. */
  public static final List<String> ALL_AUDIENCES = List.of("sij-catalog", "sij-triage", "sij-progress");

  private DevTokens() {}

  public static void main(String[] args) {
    if (args.length < 1 || args[0].startsWith("-")) {
      System.err.println("usage: dev-token TENANT [SCOPE ...]   (no scopes: all of " + ALL_SCOPES + ")");
      System.exit(2);
    }
    String scopes = args.length > 1 ? String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length)) : ALL_SCOPES;
    System.out.println(forTenant(args[0], scopes, Duration.ofHours(12)));
  }

  /** A valid token for the tenant with the space-separated scopes. */
  public static String forTenant(String tenant, String scopes) {
    return forTenant(tenant, scopes, Duration.ofMinutes(30));
  }

  public static String forTenant(String tenant, String scopes, Duration lifetime) {
    return claims(tenant, scopes, ISSUER, Instant.now(), lifetime).jws().keyId(KEY_ID).sign(devKey());
  }

  /** A valid token of the tenant, issued to the client (the azp claim): another app of the same tenant. */
  public static String forClient(String tenant, String client, String scopes) {
    return claims(tenant, scopes, ISSUER, Instant.now(), Duration.ofMinutes(30)).claim("azp", client).jws().keyId(KEY_ID).sign(devKey());
  }


  /** A valid token of the tenant for these audiences only (e.g. another application of the same issuer). */
  public static String forAudience(String tenant, String scopes, String... audiences) {
    return claims(tenant, scopes, ISSUER, Instant.now(), Duration.ofMinutes(30)).audience(Set.of(audiences))
        .jws().keyId(KEY_ID).sign(devKey());
  }

  /**
   * A service client's own token, as a client-credentials grant gives it: tenant {@code service:<client>},
   * azp the client, for the audiences of the services it calls.
   */
  public static String forService(String client, String scopes, List<String> audiences, Duration lifetime) {
    Instant now = Instant.now();
    return Jwt.issuer(ISSUER).subject("service-account-" + client).claim("tenant", "service:" + client).claim("azp", client)
        .claim("scope", scopes).audience(Set.copyOf(audiences)).issuedAt(now).expiresAt(now.plus(lifetime))
        .jws().keyId(KEY_ID).sign(devKey());
  }

  /**
   * The token the dev token endpoint gives the service client that asks for these scopes: those of them
   * it may have, for the audiences of the services it calls.
   */
  public static String issuedToService(String client, Collection<String> requestedScopes) {
    Set<String> allowed = DevTokenEndpoint.CLIENT_SCOPES.getOrDefault(client, Set.of());
    String scopes = requestedScopes.stream().filter(allowed::contains).distinct().collect(Collectors.joining(" "));
    return forService(client, scopes, DevTokenEndpoint.audiences(client), Duration.ofHours(1));
  }

  public static String expired(String tenant, String scopes) {
    return expiredFor(tenant, scopes, Duration.ofHours(2));
  }

  /** A token of the tenant whose expiry was this long ago. */
  public static String expiredFor(String tenant, String scopes, Duration ago) {
    Duration lifetime = Duration.ofMinutes(30);
    return claims(tenant, scopes, ISSUER, Instant.now().minus(ago).minus(lifetime), lifetime).jws().keyId(KEY_ID).sign(devKey());
  }

  public static String wrongIssuer(String tenant, String scopes) {
    return claims(tenant, scopes, "someone-else", Instant.now(), Duration.ofMinutes(30)).jws().keyId(KEY_ID).sign(devKey());
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
    return Jwt.issuer(ISSUER).subject("no-tenant").claim("scope", scopes).audience(Set.copyOf(ALL_AUDIENCES)).issuedAt(now)
        .expiresAt(now.plus(Duration.ofMinutes(30))).jws().keyId(KEY_ID).sign(devKey());
  }

  /** A tenant's token from its application, the client {@code <tenant>-app}, for every service. */
  private static JwtClaimsBuilder claims(String tenant, String scopes, String issuer, Instant issuedAt, Duration lifetime) {
    return Jwt.issuer(issuer)
        .subject(tenant + "-dev")
        .claim("tenant", tenant)
        .claim("azp", tenant + "-app")
        .claim("scope", scopes)
        .audience(Set.copyOf(ALL_AUDIENCES))
        .issuedAt(issuedAt)
        .expiresAt(issuedAt.plus(lifetime));
  }

  private static PrivateKey devKey() {
    try (InputStream in = DevTokens.class.getResourceAsStream("/dev-keys/private-key.pem")) {
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the dev private key", e);
    }
  }
}
