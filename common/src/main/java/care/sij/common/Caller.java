package care.sij.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the tenant named by the verified token, and the person and app behind it. Every tenant's data is its own. */
@RequestScoped
public class Caller {
  public static final String TENANT_CLAIM = "tenant";
  /** The header in which a service client with a ...:delegate scope names the tenant it acts for. */
  public static final String ON_BEHALF_OF_TENANT = "On-Behalf-Of-Tenant";

  /** What the audit trail and the tenant checks need of a token. */
  record Who(String tenant, String subject, String client) {}

  /**
   * What each verified token object says, by identity, for as long as it lives: smallrye-jwt looks up
   * a claim of ours by throwing and catching an exception, a stack trace for every request (bench/,
   * JFR), and {@link VerifiedTokens} hands out the same object for the same token.
   */
  private static final Cache<JsonWebToken, Who> TOKENS = Caffeine.newBuilder().weakKeys().build();

  private final SecurityIdentity identity;

  Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  public String tenant() {
    return who().tenant();
  }

  /** The token's subject ({@code sub}): the person or service account that called. */
  public String subject() {
    return who().subject();
  }

  /** The application that called: {@code azp}, else {@code client_id}; null if the token names none. */
  public String client() {
    return who().client();
  }

  /** The verified token's tenant, or null when the identity is anonymous or names none. */
  public static String tenantOf(SecurityIdentity identity) {
    Who who = identity.getPrincipal() instanceof JsonWebToken token ? of(token) : null;
    return who == null ? null : who.tenant();
  }

  Who who() {
    Who who = identity.getPrincipal() instanceof JsonWebToken token ? of(token) : null;
    if (who == null || who.tenant() == null || who.tenant().isBlank()) {
      // smallrye.jwt.required.claims rejects such tokens already; this keeps a misconfiguration safe
      throw new AuthenticationFailedException("token has no tenant claim");
    }
    return who;
  }

  static Who of(JsonWebToken token) {
    return TOKENS.get(token, t -> {
      Object azp = t.getClaim("azp");
      Object clientId = azp != null ? azp : t.getClaim("client_id");
      return new Who(t.getClaim(TENANT_CLAIM), t.getSubject(), clientId == null ? null : clientId.toString());
    });
  }
}
