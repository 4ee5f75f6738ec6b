package care.sij.common;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the tenant named by the verified token. Every tenant's data is its own. */
@RequestScoped
public class Caller {
  public static final String TENANT_CLAIM = "tenant";
  private final JsonWebToken token;

  Caller(JsonWebToken token) {
    this.token = token;
  }

  public String tenant() {
    String tenant = token.getClaim(TENANT_CLAIM);
    if (tenant == null || tenant.isBlank()) {
      // smallrye.jwt.required.claims rejects such tokens already; this keeps a misconfiguration safe
      throw new AuthenticationFailedException("token has no tenant claim");
    }
    return tenant;
  }
}
