package care.sij.catalog.domain;

import static care.sij.catalog.domain.CatalogRules.ID_MAX;
import static care.sij.catalog.domain.CatalogRules.ID_PATTERN;
import static care.sij.catalog.domain.CatalogRules.NAME_MAX;
import static care.sij.catalog.domain.CatalogRules.SUMMARY_MAX;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** An article the catalog cites. */
public record Source(
    @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a slug of lower-case letters, digits and single hyphens")
    String id,
    @NotBlank @Size(max = NAME_MAX * 2) String title,
    String author,
    String publisher,
    String article,
    @NotBlank @Size(max = SUMMARY_MAX) String summary,
    List<Study> studies) {

  /** A study the article cites. */
  public record Study(String authors, Integer year, String journal, String shortTitle, String doi) {}
}
