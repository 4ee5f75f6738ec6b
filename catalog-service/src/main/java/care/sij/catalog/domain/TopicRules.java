package care.sij.catalog.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes an education topic acceptable; topics come only from the seed file, which is checked with all of it. */
public final class TopicRules {
  public static final int TITLE_MAX = 120;
  public static final int SUMMARY_MAX = 300;
  public static final int HEADING_MAX = 120;
  public static final int TEXT_MAX = 1000;
  public static final int SECTIONS_MAX = 12;
  public static final int SOURCES_MAX = 20;
  public static final int RELATED_MAX = 12;

  private static final Pattern ID = Pattern.compile(CatalogRules.ID_PATTERN);

  private TopicRules() {}

  /** One topic on its own: every field present, within its bounds. */
  public static List<CatalogRules.Violation> topic(Topic t) {
    List<CatalogRules.Violation> out = new ArrayList<>();
    id(out, "id", t.id());
    text(out, "title", t.title(), TITLE_MAX);
    text(out, "summary", t.summary(), SUMMARY_MAX);
    if (list(out, "body", t.body(), 1, SECTIONS_MAX)) {
      for (int i = 0; i < t.body().size(); i++) {
        text(out, "body[" + i + "].heading", t.body().get(i).heading(), HEADING_MAX);
        text(out, "body[" + i + "].text", t.body().get(i).text(), TEXT_MAX);
      }
    }
    if (list(out, "sources", t.sources(), 1, SOURCES_MAX)) {
      Set<SourceRef> seen = new HashSet<>();
      for (int i = 0; i < t.sources().size(); i++) {
        SourceRef ref = t.sources().get(i);
        id(out, "sources[" + i + "].id", ref.id());
        text(out, "sources[" + i + "].locator", ref.locator(), CatalogRules.LOCATOR_MAX);
        if (!seen.add(ref)) {
          out.add(new CatalogRules.Violation("sources[" + i + "]", "repeats an earlier source and locator"));
        }
      }
    }
    if (list(out, "related", t.related(), 0, RELATED_MAX)) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < t.related().size(); i++) {
        String related = t.related().get(i);
        id(out, "related[" + i + "]", related);
        if (related.equals(t.id())) {
          out.add(new CatalogRules.Violation("related[" + i + "]", "a topic cannot relate to itself"));
        } else if (!seen.add(related)) {
          out.add(new CatalogRules.Violation("related[" + i + "]", "repeats '" + related + "'"));
        }
      }
    }
    return out;
  }

  /** Sources and related topics that do not resolve within the seed files. */
  public static List<CatalogRules.LinkViolation> links(Map<String, Topic> topics, Set<String> sources) {
    List<CatalogRules.LinkViolation> out = new ArrayList<>();
    for (Topic t : topics.values()) {
      if (t.sources() != null) {
        for (int i = 0; i < t.sources().size(); i++) {
          String id = t.sources().get(i).id();
          if (id != null && !sources.contains(id)) {
            out.add(new CatalogRules.LinkViolation("topic", t.id(), "sources[" + i + "].id", "source '" + id + "' does not exist"));
          }
        }
      }
      if (t.related() != null) {
        for (int i = 0; i < t.related().size(); i++) {
          String id = t.related().get(i);
          if (id != null && !topics.containsKey(id)) {
            out.add(new CatalogRules.LinkViolation("topic", t.id(), "related[" + i + "]", "topic '" + id + "' does not exist"));
          }
        }
      }
    }
    return out;
  }

  private static boolean required(List<CatalogRules.Violation> out, String field, Object value) {
    if (value == null) {
      out.add(new CatalogRules.Violation(field, "is required"));
      return false;
    }
    return true;
  }

  private static void id(List<CatalogRules.Violation> out, String field, String value) {
    if (required(out, field, value) && (value.length() > CatalogRules.ID_MAX || !ID.matcher(value).matches())) {
      out.add(new CatalogRules.Violation(field,
          "must be a slug of lower-case letters, digits and single hyphens, at most " + CatalogRules.ID_MAX + " characters"));
    }
  }

  private static void text(List<CatalogRules.Violation> out, String field, String value, int max) {
    if (!required(out, field, value)) {
      return;
    }
    if (value.isBlank()) {
      out.add(new CatalogRules.Violation(field, "must not be blank"));
    } else if (value.length() > max) {
      out.add(new CatalogRules.Violation(field, "must be at most " + max + " characters"));
    }
  }

  /** True when the list is there and holds no null, so that its elements can be checked. */
  private static boolean list(List<CatalogRules.Violation> out, String field, List<?> values, int min, int max) {
    if (!required(out, field, values)) {
      return false;
    }
    if (values.size() < min) {
      out.add(new CatalogRules.Violation(field, "must not be empty"));
    } else if (values.size() > max) {
      out.add(new CatalogRules.Violation(field, "must have at most " + max + " entries"));
    }
    boolean complete = true;
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        out.add(new CatalogRules.Violation(field + "[" + i + "]", "must not be null"));
        complete = false;
      }
    }
    return complete;
  }
}
