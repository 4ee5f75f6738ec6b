package care.sij.catalog.domain;

import care.sij.common.Caller;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.stream.Collectors;

/** Takes catalog:write out of every token whose tenant is not the curators': another tenant's write is then 403. */
@ApplicationScoped
class CuratorsOnly implements SecurityIdentityAugmentor {
  static final String WRITE = "catalog:write";

  private final Catalog.Config config;

  CuratorsOnly(Catalog.Config config) {
    this.config = config;
  }

  @Override
  public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !identity.getRoles().contains(WRITE) || config.curatorTenant().equals(Caller.tenantOf(identity))) {
      return Uni.createFrom().item(identity);
    }
    Set<String> roles = identity.getRoles().stream().filter(r -> !r.equals(WRITE)).collect(Collectors.toSet());
    return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(roles)
        .addCredentials(identity.getCredentials()).addAttributes(identity.getAttributes()).build());
  }
}
