package care.sij.catalog.domain;

import java.util.List;

/** An article the catalog cites. */
public record Source(String id, String title, String author, String publisher, String article, String summary, List<Study> studies) {

  /** A study the article cites. */
  public record Study(String authors, Integer year, String journal, String shortTitle, String doi) {}
}
