package care.sij.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the tenant named by the verified token. Every tenant's data is its own. */
@RequestScoped
public class Caller {
  public static final String TENANT_CLAIM = "tenant";

  /**
   * The tenant of each verified token object, by identity, for as long as it lives: smallrye-jwt
   * looks up a claim of ours by throwing and catching an exception, a stack trace for every
   * request (bench/, JFR), and {@link VerifiedTokens} hands out the same object for the same token.
   */
  private static final Cache<JsonWebToken, String> TENANTS = Caffeine.newBuilder().weakKeys().build();

  private final SecurityIdentity identity;

  Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  public String tenant() {
    String tenant = identity.getPrincipal() instanceof JsonWebToken token ? TENANTS.get(token, t -> t.getClaim(TENANT_CLAIM)) : null;
    if (tenant == null || tenant.isBlank()) {
      // smallrye.jwt.required.claims rejects such tokens already; this keeps a misconfiguration safe
      throw new AuthenticationFailedException("token has no tenant claim");
    }
    return tenant;
  }
}
