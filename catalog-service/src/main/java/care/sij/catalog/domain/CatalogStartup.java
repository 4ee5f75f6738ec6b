package care.sij.catalog.domain;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Start-up: check the seed files (any problem stops the service), store them, then serve the first snapshot. */
@Singleton
class CatalogStartup {
  private final SeedLoader seeds;
  private final Catalog catalog;

  CatalogStartup(SeedLoader seeds, Catalog catalog) {
    this.seeds = seeds;
    this.catalog = catalog;
  }

  void start(@Observes StartupEvent event) {
    seeds.apply(SeedFiles.fromClassPath());
    catalog.start();
  }
}
