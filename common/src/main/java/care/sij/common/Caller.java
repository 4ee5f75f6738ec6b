package care.sij.common;

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

  /** Claims are a map lookup: {@link VerifiedTokens} hands out every verified token as a {@link RememberedToken}. */
  static Who of(JsonWebToken token) {
    Object azp = token.getClaim("azp");
    Object clientId = azp != null ? azp : token.getClaim("client_id");
    return new Who(token.getClaim(TENANT_CLAIM), token.getSubject(), clientId == null ? null : clientId.toString());
  }
}
