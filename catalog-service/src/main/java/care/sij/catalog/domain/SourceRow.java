package care.sij.catalog.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored source, loaded from seeds/sources.yaml. */
@Entity
@Table(name = "source")
class SourceRow extends PanacheEntityBase {
  @Id
  String id;
  String title;
  String author;
  String publisher;
  String summary;

  @JdbcTypeCode(SqlTypes.JSON)
  List<Source.Study> studies;

  long revision;

  @Column(name = "updated_at")
  Instant updatedAt;

  Source toSource() {
    return new Source(id, title, author, publisher, null, summary, studies == null ? List.of() : List.copyOf(studies));
  }
}
