package care.sij.catalog.domain;

import static care.sij.catalog.domain.CatalogRules.ID_MAX;
import static care.sij.catalog.domain.CatalogRules.ID_PATTERN;
import static care.sij.catalog.domain.CatalogRules.LIST_MAX;
import static care.sij.catalog.domain.CatalogRules.NAME_MAX;
import static care.sij.catalog.domain.CatalogRules.TOPIC_SECTIONS_MAX;
import static care.sij.catalog.domain.CatalogRules.TOPIC_SUMMARY_MAX;
import static care.sij.catalog.domain.CatalogRules.TOPIC_TEXT_MAX;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An education topic: what the articles explain around the exercises, in our own words, with the
 * section of each article where a reviewer finds it. Immutable; stored as jsonb.
 */
@Coherent
public record Topic(
    @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a slug of lower-case letters, digits and single hyphens")
    String id,
    @NotBlank @Size(max = NAME_MAX) String title,
    @NotBlank @Size(max = TOPIC_SUMMARY_MAX) String summary,
    @NotEmpty @Size(max = TOPIC_SECTIONS_MAX) List<@NotNull @Valid Section> body,
    @NotEmpty @Size(max = LIST_MAX) List<@NotNull @Valid SourceRef> sources,
    @NotNull @Size(max = LIST_MAX) List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a topic id") String> related)
    implements Coherent.Checked {

  /** One part of the text, read in order. */
  public record Section(@NotBlank @Size(max = NAME_MAX) String heading, @NotBlank @Size(max = TOPIC_TEXT_MAX) String text) {}

  @Override
  public void check(Coherent.Findings findings) {
    findings.distinct("sources", sources);
    findings.distinct("related", related);
    if (related != null && related.contains(id)) {
      findings.add("related[" + related.indexOf(id) + "]", "a topic cannot relate to itself");
    }
  }
}
