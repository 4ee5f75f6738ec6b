package care.sij.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A stored catalog entry: its whole definition as jsonb, whether it is retired, and what tells
 * readers and replicas that it changed.
 */
@MappedSuperclass
abstract class DefinitionRow {
  @Id
  String id;

  /** The definition as JSON text, written and read by {@link CatalogJson}. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  String definition;

  boolean retired;

  /**
   * Fingerprint of the seed entry last applied to this row; null when no seed defines the entry
   * (created by a curator, or removed from the seed file). A restart applies a seed entry only
   * when this differs, so that curator edits survive restarts.
   */
  @Column(name = "seed_hash")
  String seedHash;

  /** From the one catalog-wide sequence, taken under the write lock: max(revision) grows with every commit. */
  long revision;

  @Column(name = "updated_at")
  Instant updatedAt;
}
