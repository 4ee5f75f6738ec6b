package care.sij.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The contract's security as a tool reads it: one OAuth 2.0 scheme with the client-credentials flow
 * and every scope described, and each operation listing the scopes that let it run.
 */
final class OAuthScopes {
  static final String SCHEME = "oauth2";

  /** Every scope of the three services, and what it allows (README, "Calling it"). */
  static final Map<String, String> ALL = scopes(
      "catalog:read", "Read exercises, routines and sources; make a plan from a routine.",
      "catalog:write", "Add, replace and retire exercises and routines: only in a token of the curators' tenant.",
      "triage:assess", "Assess a symptom report; read the questionnaire.",
      "triage:read", "Read the tenant's assessments, the questionnaire and the rule sets.",
      "triage:erase", "Erase the tenant's assessments of one patientRef.",
      "triage:delegate", "Service clients only: act for the tenant named in On-Behalf-Of-Tenant, on createAssessment and "
          + "eraseAssessments.",
      "progress:read", "Read the tenant's patients, entries, sessions, progress, reports and alerts.",
      "progress:write", "Register patients; record pain entries and sessions.",
      "progress:erase", "Erase a patient and everything recorded about them.",
      "alerts:manage", "Acknowledge and resolve alerts.",
      "audit:read", "Read the tenant's audit trail.");

  private OAuthScopes() {}

  static void apply(OpenAPI openAPI) {
    List<String> used = new ArrayList<>();
    if (openAPI.getPaths() != null) {
      openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
        List<String> scopes = scopesOf(operation);
        scopes.stream().filter(s -> !used.contains(s)).forEach(used::add);
        // @RolesAllowed lets any one of its scopes in: in OpenAPI, each is a requirement of its own
        operation.setSecurity(scopes.isEmpty() ? null : scopes.stream()
            .map(scope -> OASFactory.createSecurityRequirement().addScheme(SCHEME, scope)).toList());
      }));
    }
    if (used.stream().anyMatch(s -> s.startsWith("triage:"))) {
      used.add("triage:delegate");
    }
    OAuthFlow clientCredentials = OASFactory.createOAuthFlow()
        .tokenUrl(ConfigProvider.getConfig().getValue("sij.oauth2.token-url", String.class));
    ALL.forEach((scope, description) -> {
      if (used.contains(scope)) {
        clientCredentials.addScope(scope, description);
      }
    });
    var components = openAPI.getComponents();
    components.setSecuritySchemes(new LinkedHashMap<>());
    components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
        .type(SecurityScheme.Type.OAUTH2)
        .description("OAuth 2.0 client credentials. The access token is a JWT, sent as a bearer token and verified as RFC8725 "
            + "recommends: an RS256 signature by the issuer's keys (no other algorithm, no unsigned token), the issuer, the "
            + "audience naming this service, the expiry with at most 30 seconds of clock skew, and the tenant claim. Each "
            + "operation lists the scopes that let it run; any one of them is enough.")
        .flows(OASFactory.createOAuthFlows().clientCredentials(clientCredentials)));
  }

  /** The scopes smallrye-openapi found in the operation's @RolesAllowed, under whichever scheme it named. */
  private static List<String> scopesOf(Operation operation) {
    List<String> scopes = new ArrayList<>();
    if (operation.getSecurity() != null) {
      for (SecurityRequirement requirement : operation.getSecurity()) {
        requirement.getSchemes().values().forEach(list -> list.stream().filter(s -> !scopes.contains(s)).forEach(scopes::add));
      }
    }
    scopes.forEach(scope -> {
      if (!ALL.containsKey(scope)) {
        throw new IllegalStateException(scope + " is not a scope OAuthScopes describes");
      }
    });
    return scopes;
  }

  private static Map<String, String> scopes(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
