package care.sij.catalog.domain;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A stored catalog entry: its whole definition as jsonb, whether it is retired, and what tells
 * readers and replicas that it changed. Also the catalog's write lock and revision sequence, which
 * every write of a row uses.
 */
@MappedSuperclass
abstract class DefinitionRow extends PanacheEntityBase {
  /**
   * Key of the PostgreSQL advisory lock every catalog write takes, seed loading included: replicas
   * that start or write together queue up, and revisions are handed out in commit order, so that
   * max(revision) tells every replica about every commit.
   */
  static final long WRITE_LOCK = 0x5C_A7A1_0901L;

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

  <T> T definition(Class<T> type) {
    return CatalogJson.read(definition, type);
  }

  /** Stores the definition as the next revision. */
  void write(Object value, boolean retired) {
    this.definition = CatalogJson.write(value);
    this.retired = retired;
    touch();
  }

  void touch() {
    revision = nextRevision();
    updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** Takes the catalog write lock until the end of the current transaction. */
  static void lockForWrite() {
    Panache.getEntityManager().createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(?1)) l")
        .setParameter(1, WRITE_LOCK).getSingleResult();
  }

  /** Waits for a write under way to commit and keeps new ones out until the end of the transaction: a consistent read of the catalog. */
  static void lockForRead() {
    Panache.getEntityManager().createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock_shared(?1)) l")
        .setParameter(1, WRITE_LOCK).getSingleResult();
  }

  static long nextRevision() {
    return ((Number) Panache.getEntityManager().createNativeQuery("SELECT nextval('catalog.revision_seq')").getSingleResult()).longValue();
  }

  /** The highest revision of any catalog row: one cheap query that tells a replica whether another one wrote. */
  static long currentRevision() {
    return ((Number) Panache.getEntityManager().createNativeQuery("""
        SELECT greatest((SELECT coalesce(max(revision), 0) FROM catalog.exercise),
                        (SELECT coalesce(max(revision), 0) FROM catalog.routine),
                        (SELECT coalesce(max(revision), 0) FROM catalog.source),
                        (SELECT coalesce(max(revision), 0) FROM catalog.topic))""").getSingleResult()).longValue();
  }
}
