package care.sij.catalog.domain;

import java.util.List;

/**
 * An education topic: what the articles explain around the exercises, in our own words, with the
 * section of each article where a reviewer finds it. Immutable; stored as jsonb.
 */
public record Topic(
    String id,
    String title,
    String summary,
    List<Section> body,
    List<SourceRef> sources,
    List<String> related) {

  /** One part of the text, read in order. */
  public record Section(String heading, String text) {}
}
