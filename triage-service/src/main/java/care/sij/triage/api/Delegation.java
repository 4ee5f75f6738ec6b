package care.sij.triage.api;

import care.sij.common.Caller;
import care.sij.common.Problem;
import care.sij.common.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;

/**
 * Whom a call acts for: the token's own tenant, or, on the two operations about a patient that another
 * service makes (an assessment, an erasure), the tenant a service client names in On-Behalf-Of-Tenant.
 * Only a token with scope triage:delegate may name one, and such a token acts for no tenant of its own:
 * a service identity owns nothing here, so it can never list what it stored for tenants.
 */
@RequestScoped
class Delegation {
  static final String HEADER = Caller.ON_BEHALF_OF_TENANT;
  static final String SCOPE = "triage:delegate";
  /** The header's bounds: a tenant claim as the issuer writes it. */
  static final String TENANT_PATTERN = "[A-Za-z0-9._:@-]+";
  static final int TENANT_MAX = 128;

  private final Caller caller;
  private final SecurityIdentity identity;
  private final HttpServerRequest request;

  Delegation(Caller caller, SecurityIdentity identity, HttpServerRequest request) {
    this.caller = caller;
    this.identity = identity;
    this.request = request;
  }

  /** For an operation that honours delegation: the named tenant for a delegate, else the token's own. */
  String tenant(String onBehalfOf) {
    boolean delegate = identity.hasRole(SCOPE);
    if (onBehalfOf == null) {
      if (delegate) {
        throw new Refused("a token with scope " + SCOPE + " acts only for a tenant named in " + HEADER);
      }
      return caller.tenant();
    }
    if (!delegate) {
      throw new Refused(HEADER + " is honoured only for a token with scope " + SCOPE);
    }
    return onBehalfOf;
  }

  /** For every other operation: the token's own tenant; a call that names another gets 403. */
  String ownTenant() {
    refuseDelegated();
    return caller.tenant();
  }

  /** For operations on no tenant's data, which take no delegation either. */
  void refuseDelegated() {
    if (request.getHeader(HEADER) != null) {
      throw new Refused("this operation acts only for the token's own tenant: " + HEADER
          + " is honoured by createAssessment and eraseAssessments alone");
    }
  }

  /** 403: delegation asked for where it is not honoured, or by a token that may not delegate. */
  static final class Refused extends ProblemException {
    Refused(String detail) {
      super(403, "forbidden", "Forbidden", detail, List.of(new Problem.FieldError(HEADER, detail)));
    }
  }
}
