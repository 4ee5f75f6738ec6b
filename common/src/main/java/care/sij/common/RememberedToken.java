package care.sij.common;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token's claims without the token: what {@link VerifiedTokens} keeps between requests,
 * so that nothing it holds could be replayed as a bearer token. {@link #getRawToken()} is null; no
 * service forwards its caller's token (each calls another with a token of its own). A claim is a map
 * lookup, where smallrye-jwt's own principal looks up one of ours by throwing and catching an exception.
 */
final class RememberedToken implements JsonWebToken {
  private final String name;
  private final Map<String, Object> claims;

  private RememberedToken(String name, Map<String, Object> claims) {
    this.name = name;
    this.claims = claims;
  }

  /** The claims of a token that verified, all but the raw token, groups as the verifier mapped them (our scopes). */
  static RememberedToken of(JsonWebToken verified) {
    Map<String, Object> claims = new HashMap<>();
    for (String claim : verified.getClaimNames()) {
      if (!Claims.raw_token.name().equals(claim)) {
        Object value = verified.getClaim(claim);
        if (value != null) {
          claims.put(claim, value);
        }
      }
    }
    Set<String> groups = verified.getGroups();
    claims.put(Claims.groups.name(), groups == null ? Set.of() : Set.copyOf(groups));
    return new RememberedToken(verified.getName(), Map.copyOf(claims));
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public Set<String> getClaimNames() {
    return claims.keySet();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getClaim(String claimName) {
    return (T) claims.get(claimName);
  }

  @Override
  public String toString() {
    return "RememberedToken{name=" + name + ", claims=" + claims.keySet() + "}";
  }
}
