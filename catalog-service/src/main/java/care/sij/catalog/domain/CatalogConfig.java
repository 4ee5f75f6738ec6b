package care.sij.catalog.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {
  /**
   * How often a replica asks the database whether another replica changed the catalog (one cheap
   * query); a change made here is visible at once, one made elsewhere within this interval.
   */
  @WithDefault("5s")
  Duration refreshInterval();

  /**
   * The tenant of the platform's curators: the catalog is shared by every tenant, so catalog:write
   * counts only in a token of this tenant.
   */
  @WithDefault("sij-care")
  String curatorTenant();
}
