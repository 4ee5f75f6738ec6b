package care.sij.catalog.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What no single entry can check: the links between entries (every id resolves; progressions and
 * regressions mirror each other). An entry on its own is checked by Bean Validation, with the
 * bounds named here, whether it comes from a seed file or a curator.
 */
public final class CatalogRules {
  public static final String ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
  public static final String TARGET_PATTERN = "[a-z][a-z0-9_]*";
  public static final int ID_MAX = 80;
  public static final int NAME_MAX = 120;
  public static final int TEXT_MAX = 500;
  public static final int SUMMARY_MAX = 1000;
  public static final int LIST_MAX = 30;
  public static final int STEPS_MIN = 3;
  public static final int STEPS_MAX = 20;
  public static final int ROUTINE_STEPS_MAX = 50;
  public static final int DIFFICULTY_MIN = 1;
  public static final int DIFFICULTY_MAX = 5;
  public static final int LOCATOR_MAX = 200;
  public static final int TOPIC_SUMMARY_MAX = 300;
  public static final int TOPIC_TEXT_MAX = 1000;
  public static final int TOPIC_SECTIONS_MAX = 12;
  public static final int RANGE_MIN = 1;
  public static final int RANGE_MAX = 3600;

  private CatalogRules() {}

  /** A link that does not resolve, named by its JSON path within the entry. */
  public record Violation(String field, String message) {}

  /** A violation of a link between entries: which entry it is on, and where. */
  public record LinkViolation(String kind, String id, String field, String message) {}

  // ------------------------------------------------------------------ links between entries

  /** Topics' sources and related topics that do not resolve within the seed files. */
  public static List<LinkViolation> topicLinks(Map<String, Topic> topics, Set<String> sources) {
    List<LinkViolation> violations = new ArrayList<>();
    for (Topic t : topics.values()) {
      List<Violation> found = new ArrayList<>();
      cited("sources", t.sources(), sources::contains, found);
      unresolved("related", t.related(), topics::containsKey, "topic", found);
      found.forEach(v -> violations.add(new LinkViolation("topic", t.id(), v.field(), v.message())));
    }
    return violations;
  }

  /**
   * Links within a complete, self-contained set (the seed files): every id resolves, and
   * progressions and regressions are mirrored (A lists B as a progression exactly when B lists A as
   * a regression).
   */
  public static List<LinkViolation> links(Map<String, Exercise> exercises, Map<String, Routine> routines, Set<String> sources) {
    List<LinkViolation> violations = new ArrayList<>();
    for (Exercise e : exercises.values()) {
      for (Violation v : exerciseLinks(e, exercises::containsKey, sources::contains)) {
        violations.add(new LinkViolation("exercise", e.id(), v.field(), v.message()));
      }
      mirrored(e, e.progressions(), "progressions", "regressions", exercises, violations);
      mirrored(e, e.regressions(), "regressions", "progressions", exercises, violations);
    }
    for (Routine r : routines.values()) {
      for (Violation v : routineLinks(r, exercises::containsKey, sources::contains)) {
        violations.add(new LinkViolation("routine", r.id(), v.field(), v.message()));
      }
    }
    return violations;
  }

  /** An exercise's links to other exercises and to sources that do not resolve. */
  public static List<Violation> exerciseLinks(Exercise e, Predicate<String> exerciseExists, Predicate<String> sourceExists) {
    List<Violation> violations = new ArrayList<>();
    unresolved("progressions", e.progressions(), exerciseExists, "exercise", violations);
    unresolved("regressions", e.regressions(), exerciseExists, "exercise", violations);
    unresolved("sources", e.sources(), sourceExists, "source", violations);
    if (e.contraindications() != null) {
      for (int i = 0; i < e.contraindications().size(); i++) {
        Exercise.Contraindication ci = e.contraindications().get(i);
        if (ci != null) {
          cited("contraindications[" + i + "].sources", ci.sources(), sourceExists, violations);
        }
      }
    }
    cautionsCited(e.cautions(), sourceExists, violations);
    return violations;
  }

  /** A routine's steps that name no usable exercise, and its sources that do not resolve. */
  public static List<Violation> routineLinks(Routine r, Predicate<String> exerciseExists, Predicate<String> sourceExists) {
    List<Violation> violations = new ArrayList<>();
    unresolved("sources", r.sources(), sourceExists, "source", violations);
    if (r.steps() != null) {
      for (int i = 0; i < r.steps().size(); i++) {
        if (r.steps().get(i) == null) {
          continue;
        }
        String id = r.steps().get(i).exercise();
        if (id != null && !exerciseExists.test(id)) {
          violations.add(new Violation("steps[" + i + "].exercise", "exercise '" + id + "' does not exist"));
        }
        List<Routine.VariantNote> notes = r.steps().get(i).variantNotes();
        for (int k = 0; notes != null && k < notes.size(); k++) {
          String variant = notes.get(k) == null ? null : notes.get(k).exercise();
          if (variant != null && !exerciseExists.test(variant)) {
            violations.add(new Violation("steps[" + i + "].variantNotes[" + k + "].exercise", "exercise '" + variant + "' does not exist"));
          }
        }
      }
    }
    cautionsCited(r.cautions(), sourceExists, violations);
    return violations;
  }

  private static void cautionsCited(List<Caution> cautions, Predicate<String> sourceExists, List<Violation> out) {
    for (int i = 0; cautions != null && i < cautions.size(); i++) {
      if (cautions.get(i) != null) {
        cited("cautions[" + i + "].sources", cautions.get(i).sources(), sourceExists, out);
      }
    }
  }

  private static void cited(String field, List<SourceRef> refs, Predicate<String> sourceExists, List<Violation> out) {
    for (int i = 0; refs != null && i < refs.size(); i++) {
      String id = refs.get(i) == null ? null : refs.get(i).id();
      if (id != null && !sourceExists.test(id)) {
        out.add(new Violation(field + "[" + i + "].id", "source '" + id + "' does not exist"));
      }
    }
  }

  private static void unresolved(String field, List<String> ids, Predicate<String> exists, String what, List<Violation> out) {
    if (ids == null) {
      return;
    }
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) != null && !exists.test(ids.get(i))) {
        out.add(new Violation(field + "[" + i + "]", what + " '" + ids.get(i) + "' does not exist"));
      }
    }
  }

  private static void mirrored(Exercise e, List<String> links, String field, String mirrorField,
      Map<String, Exercise> exercises, List<LinkViolation> out) {
    if (links == null) {
      return;
    }
    for (int i = 0; i < links.size(); i++) {
      Exercise other = exercises.get(links.get(i));
      if (other == null) {
        continue;
      }
      List<String> mirror = mirrorField.equals("regressions") ? other.regressions() : other.progressions();
      if (mirror == null || !mirror.contains(e.id())) {
        out.add(new LinkViolation("exercise", e.id(), field + "[" + i + "]",
            "'" + other.id() + "' must list '" + e.id() + "' in its " + mirrorField));
      }
    }
  }
}
