package care.sij.launcher;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
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
 * The dev key pair (dev-keys/ in this jar) and the valid tokens it signs, for the local run, the
 * dev token endpoint and the tests. Only tests and the local run trust that key; no production
 * configuration names it. The tests' broken tokens are test-support's DevKey.
 *
 * <p>Command line: {@code ./dev-token TENANT [SCOPE ...]} prints a token valid for 12 hours.
 */
public final class DevKey {
  public static final String ISSUER = "sij-care-dev";
  public static final String KEY_ID = "sij-care-dev";
  /** Public half of the dev key pair as a JWKS, for mp.jwt.verify.publickey.location. */
  public static final String JWKS_RESOURCE = "dev-keys/jwks.json";
  /** Every scope a tenant's token may carry (triage:delegate is for service clients only). */
  public static final String ALL_SCOPES = "catalog:read catalog:write triage:assess triage:read triage:erase progress:read "
      + "progress:write progress:erase alerts:manage audit:read";
  /** The audience each service checks (its mp.jwt.verify.audiences): a tenant's token names all three. */
  public static final List<String> ALL_AUDIENCES = List.of("sij-catalog", "sij-triage", "sij-progress");

  private DevKey() {}

  public static void main(String[] args) {
    if (args.length < 1 || args[0].startsWith("-")) {
      System.err.println("usage: dev-token TENANT [SCOPE ...]   (no scopes: all of " + ALL_SCOPES + ")");
      System.exit(2);
    }
    String scopes = args.length > 1 ? String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length)) : ALL_SCOPES;
    System.out.println(forTenant(args[0], scopes, Duration.ofHours(12)));
  }

  /** A valid token for the tenant with the space-separated scopes. */
  public static String forTenant(String tenant, String scopes, Duration lifetime) {
    return sign(tenantClaims(tenant, scopes, ISSUER, Instant.now(), lifetime));
  }

  /**
   * A service client's own token, as a client-credentials grant gives it: tenant {@code service:<client>},
   * azp the client, for the audiences of the services it calls.
   */
  public static String forService(String client, String scopes, List<String> audiences, Duration lifetime) {
    Instant now = Instant.now();
    return sign(Jwt.issuer(ISSUER).subject("service-account-" + client).claim("tenant", "service:" + client).claim("azp", client)
        .claim("scope", scopes).audience(Set.copyOf(audiences)).issuedAt(now).expiresAt(now.plus(lifetime)));
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

  /** A tenant's token from its application, the client {@code <tenant>-app}, for every service: claims to sign or bend. */
  public static JwtClaimsBuilder tenantClaims(String tenant, String scopes, String issuer, Instant issuedAt, Duration lifetime) {
    return Jwt.issuer(issuer)
        .subject(tenant + "-dev")
        .claim("tenant", tenant)
        .claim("azp", tenant + "-app")
        .claim("scope", scopes)
        .audience(Set.copyOf(ALL_AUDIENCES))
        .issuedAt(issuedAt)
        .expiresAt(issuedAt.plus(lifetime));
  }

  /** The claims signed with the dev key, under its key id. */
  public static String sign(JwtClaimsBuilder claims) {
    return claims.jws().keyId(KEY_ID).sign(privateKey());
  }

  private static PrivateKey privateKey() {
    try (InputStream in = DevKey.class.getResourceAsStream("/dev-keys/private-key.pem")) {
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the dev private key", e);
    }
  }
}
