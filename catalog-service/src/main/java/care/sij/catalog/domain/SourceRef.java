package care.sij.catalog.domain;

/**
 * A source and where in it a reviewer finds what is said: a section heading of the article, or, for a passage
 * without one, a description naming the neighbouring heading in quotes.
 */
public record SourceRef(String id, String locator) {}
