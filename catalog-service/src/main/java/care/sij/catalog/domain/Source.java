package care.sij.catalog.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An article the catalog cites. */
@Entity
public class Source extends PanacheEntityBase {
  @Id
  public String id;
  public String title;
  public String author;
  public String publisher;
  public String summary;

  @JdbcTypeCode(SqlTypes.JSON)
  public List<Study> studies;

  /** A study the article cites. */
  public record Study(String authors, Integer year, String journal, String shortTitle, String doi) {}
}
