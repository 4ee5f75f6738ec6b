package care.sij.catalog.domain;

/** A topic as the read path serves it, with its strong ETag (quoted). */
public record TopicEntry(Topic topic, boolean retired, String etag) {
  /** Bump when the representation of a topic changes shape, so that old ETags stop matching. */
  static final String REPRESENTATION = "topic/1";

  static TopicEntry of(Topic topic, boolean retired) {
    return new TopicEntry(topic, retired, '"' + CatalogJson.fingerprint(REPRESENTATION, topic, retired) + '"');
  }

  public String id() {
    return topic.id();
  }
}
