package care.sij.catalog.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What makes a catalog entry acceptable. Seeds are checked with all of it; curator writes are
 * checked by bean validation on the request first (same limits, named here) and then by
 * {@link #exercise}/{@link #routine} again, since a request record cannot express every rule.
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

  private static final Pattern ID = Pattern.compile(ID_PATTERN);
  private static final Pattern TARGET = Pattern.compile(TARGET_PATTERN);

  private CatalogRules() {}

  /** An input field that is not acceptable, named by its JSON path within the entry. */
  public record Violation(String field, String message) {}

  /** A violation of a link between entries: which entry it is on, and where. */
  public record LinkViolation(String kind, String id, String field, String message) {}

  // ------------------------------------------------------------------ one entry

  public static List<Violation> exercise(Exercise e) {
    Checks c = new Checks();
    c.id("id", e.id());
    c.text("name", e.name(), NAME_MAX);
    c.texts("aliases", e.aliases(), 0, LIST_MAX, NAME_MAX);
    if (e.aliases() != null) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < e.aliases().size(); i++) {
        String alias = e.aliases().get(i);
        if (alias != null && !seen.add(alias.toLowerCase(Locale.ROOT))) {
          c.add("aliases[" + i + "]", "repeats '" + alias + "'");
        }
      }
    }
    c.required("category", e.category());
    c.list("goals", e.goals(), 1, LIST_MAX);
    c.list("targets", e.targets(), 1, LIST_MAX);
    if (e.targets() != null) {
      for (int i = 0; i < e.targets().size(); i++) {
        String target = e.targets().get(i);
        if (target == null || !TARGET.matcher(target).matches()) {
          c.add("targets[" + i + "]", "must be a lower-case name with underscores, like gluteus_medius");
        }
      }
    }
    c.required("position", e.position());
    c.list("equipment", e.equipment(), 0, LIST_MAX);
    c.between("difficulty", e.difficulty(), DIFFICULTY_MIN, DIFFICULTY_MAX);
    c.laterality("laterality", e.laterality());
    if (c.required("dosage", e.dosage())) {
      c.dosage("dosage", e.dosage(), true);
    }
    c.texts("steps", e.steps(), STEPS_MIN, STEPS_MAX, TEXT_MAX);
    c.texts("cues", e.cues(), 0, LIST_MAX, TEXT_MAX);
    c.texts("safety", e.safety(), 1, LIST_MAX, TEXT_MAX);
    if (c.list("contraindications", e.contraindications(), 0, LIST_MAX)) {
      for (int i = 0; i < e.contraindications().size(); i++) {
        Exercise.Contraindication ci = e.contraindications().get(i);
        String at = "contraindications[" + i + "]";
        if (c.required(at, ci)) {
          c.required(at + ".condition", ci.condition());
          c.text(at + ".note", ci.note(), TEXT_MAX);
          c.basis(at, ci.sources(), ci.ownReason(), false);
        }
      }
    }
    c.cautions("cautions", e.cautions());
    c.ids("progressions", e.progressions(), 0);
    c.ids("regressions", e.regressions(), 0);
    for (String field : List.of("progressions", "regressions")) {
      List<String> links = field.equals("progressions") ? e.progressions() : e.regressions();
      if (links != null && e.id() != null && links.contains(e.id())) {
        c.add(field, "an exercise cannot link to itself");
      }
    }
    if (e.progressions() != null && e.regressions() != null) {
      for (String id : e.progressions()) {
        if (e.regressions().contains(id)) {
          c.add("regressions", "'" + id + "' cannot be both a progression and a regression");
        }
      }
    }
    c.ids("sources", e.sources(), 1);
    return c.violations;
  }

  public static List<Violation> routine(Routine r) {
    Checks c = new Checks();
    c.id("id", r.id());
    c.text("name", r.name(), NAME_MAX);
    c.text("summary", r.summary(), SUMMARY_MAX);
    c.required("pathway", r.pathway());
    c.ids("sources", r.sources(), 1);
    c.cautions("cautions", r.cautions());
    if (c.list("steps", r.steps(), 1, ROUTINE_STEPS_MAX)) {
      for (int i = 0; i < r.steps().size(); i++) {
        Routine.Step step = r.steps().get(i);
        String at = "steps[" + i + "]";
        if (!c.required(at, step)) {
          continue;
        }
        c.id(at + ".exercise", step.exercise());
        if (step.note() != null) {
          c.text(at + ".note", step.note(), TEXT_MAX);
        }
        if (step.onRelief() != null) {
          int remaining = r.steps().size() - i - 1;
          Integer skip = step.onRelief().skipNext();
          if (skip == null || skip < 1 || skip > remaining) {
            c.add(at + ".onRelief.skipNext", remaining == 0
                ? "the last step has no steps after it to skip"
                : "must be between 1 and " + remaining + ", the number of steps after this one");
          }
        }
        if (step.laterality() != null) {
          c.laterality(at + ".laterality", step.laterality());
        }
        if (step.dosage() != null) {
          c.dosage(at + ".dosage", step.dosage(), false);
        }
        if (step.variantNotes() != null && c.list(at + ".variantNotes", step.variantNotes(), 0, LIST_MAX)) {
          Set<String> seen = new HashSet<>();
          for (int k = 0; k < step.variantNotes().size(); k++) {
            Routine.VariantNote v = step.variantNotes().get(k);
            String vat = at + ".variantNotes[" + k + "]";
            c.id(vat + ".exercise", v.exercise());
            c.text(vat + ".note", v.note(), TEXT_MAX);
            if (v.exercise() != null && (v.exercise().equals(step.exercise()) || !seen.add(v.exercise()))) {
              c.add(vat + ".exercise", "must name a variant of the step's exercise once, not the exercise itself or a repeat");
            }
          }
        }
      }
    }
    return c.violations;
  }

  /** An education topic on its own: every field present, within its bounds. */
  public static List<Violation> topic(Topic t) {
    Checks c = new Checks();
    c.id("id", t.id());
    c.text("title", t.title(), NAME_MAX);
    c.text("summary", t.summary(), TOPIC_SUMMARY_MAX);
    if (c.list("body", t.body(), 1, TOPIC_SECTIONS_MAX)) {
      for (int i = 0; i < t.body().size(); i++) {
        c.text("body[" + i + "].heading", t.body().get(i).heading(), NAME_MAX);
        c.text("body[" + i + "].text", t.body().get(i).text(), TOPIC_TEXT_MAX);
      }
    }
    c.sourceRefs("sources", t.sources());
    c.ids("related", t.related(), 0);
    if (t.related() != null && t.related().contains(t.id())) {
      c.add("related[" + t.related().indexOf(t.id()) + "]", "a topic cannot relate to itself");
    }
    return c.violations;
  }

  public static List<Violation> source(Source s) {
    Checks c = new Checks();
    c.id("id", s.id());
    c.text("title", s.title(), NAME_MAX * 2);
    c.text("summary", s.summary(), SUMMARY_MAX);
    return c.violations;
  }

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

  // ------------------------------------------------------------------ helpers

  private static final class Checks {
    final List<Violation> violations = new ArrayList<>();

    void add(String field, String message) {
      violations.add(new Violation(field, message));
    }

    boolean required(String field, Object value) {
      if (value == null) {
        add(field, "is required");
        return false;
      }
      return true;
    }

    void id(String field, String value) {
      if (required(field, value) && (value.length() > ID_MAX || !ID.matcher(value).matches())) {
        add(field, "must be a slug of lower-case letters, digits and single hyphens, at most " + ID_MAX + " characters");
      }
    }

    void text(String field, String value, int max) {
      if (!required(field, value)) {
        return;
      }
      if (value.isBlank()) {
        add(field, "must not be blank");
      } else if (value.length() > max) {
        add(field, "must be at most " + max + " characters");
      }
    }

    boolean list(String field, List<?> values, int min, int max) {
      if (!required(field, values)) {
        return false;
      }
      if (values.size() < min) {
        add(field, min == 1 ? "must not be empty" : "must have at least " + min + " entries");
      } else if (values.size() > max) {
        add(field, "must have at most " + max + " entries");
      }
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) == null) {
          add(field + "[" + i + "]", "must not be null");
        } else if (values.get(i) instanceof Enum<?> && values.indexOf(values.get(i)) < i) {
          add(field + "[" + i + "]", "repeats " + values.get(i));
        }
      }
      return values.stream().allMatch(java.util.Objects::nonNull);
    }

    void texts(String field, List<String> values, int min, int max, int maxLength) {
      if (!list(field, values, min, max)) {
        return;
      }
      for (int i = 0; i < values.size(); i++) {
        text(field + "[" + i + "]", values.get(i), maxLength);
      }
    }

    void ids(String field, List<String> values, int min) {
      if (!list(field, values, min, LIST_MAX)) {
        return;
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < values.size(); i++) {
        id(field + "[" + i + "]", values.get(i));
        if (!seen.add(values.get(i))) {
          add(field + "[" + i + "]", "repeats '" + values.get(i) + "'");
        }
      }
    }

    void between(String field, Integer value, int min, int max) {
      if (required(field, value) && (value < min || value > max)) {
        add(field, "must be between " + min + " and " + max);
      }
    }

    void laterality(String field, Exercise.Laterality laterality) {
      if (!required(field, laterality)) {
        return;
      }
      boolean mode = required(field + ".mode", laterality.mode());
      boolean bothSore = required(field + ".bothSore", laterality.bothSore());
      if (mode && bothSore && laterality.bothSore() == Exercise.BothSore.as_usual
          && (laterality.mode() == Exercise.LateralityMode.sore_side_only || laterality.mode() == Exercise.LateralityMode.non_sore_side)) {
        add(field + ".bothSore", "must say what to do when both sides are sore (skip, no_side or both_sides) for " + laterality.mode() + " work");
      }
    }

    void cautions(String field, List<Caution> cautions) {
      if (!list(field, cautions, 0, LIST_MAX)) {
        return;
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < cautions.size(); i++) {
        Caution caution = cautions.get(i);
        String at = field + "[" + i + "]";
        id(at + ".id", caution.id());
        if (caution.id() != null && !seen.add(caution.id())) {
          add(at + ".id", "repeats '" + caution.id() + "'");
        }
        text(at + ".text", caution.text(), TEXT_MAX);
        basis(at, caution.sources(), caution.ownReason(), true);
      }
    }

    /** Sources with locators, or the product's own reason: one of the two, never both; required unless optional. */
    void basis(String at, List<SourceRef> sources, String ownReason, boolean required) {
      if (sources != null && ownReason != null) {
        add(at + ".ownReason", "must be left out when sources are given: a statement rests on sources or on our own reason, not both");
        return;
      }
      if (ownReason != null) {
        text(at + ".ownReason", ownReason, TEXT_MAX);
        return;
      }
      if (sources == null) {
        if (required) {
          add(at + ".sources", "is required unless ownReason says why the product adds this without a source");
        }
        return;
      }
      sourceRefs(at + ".sources", sources);
    }

    /** At least one source reference, each with an id and a locator, none repeated. */
    void sourceRefs(String field, List<SourceRef> refs) {
      if (!list(field, refs, 1, LIST_MAX)) {
        return;
      }
      Set<SourceRef> seen = new HashSet<>();
      for (int k = 0; k < refs.size(); k++) {
        id(field + "[" + k + "].id", refs.get(k).id());
        text(field + "[" + k + "].locator", refs.get(k).locator(), LOCATOR_MAX);
        if (!seen.add(refs.get(k))) {
          add(field + "[" + k + "]", "repeats an earlier source and locator");
        }
      }
    }

    /** A complete dosage says whether it counts per side; an override may leave that to the exercise. */
    void dosage(String field, Exercise.Dosage d, boolean complete) {
      range(field + ".sets", d.sets());
      range(field + ".reps", d.reps());
      range(field + ".holdSeconds", d.holdSeconds());
      range(field + ".restSeconds", d.restSeconds());
      range(field + ".perDay", d.perDay());
      range(field + ".perWeek", d.perWeek());
      if (complete) {
        required(field + ".perSide", d.perSide());
      }
      if (d.note() != null) {
        text(field + ".note", d.note(), TEXT_MAX);
      }
    }

    void range(String field, Exercise.Range range) {
      if (range == null) {
        return;
      }
      if (range.min() == null) {
        add(field + ".min", "is required");
      } else if (range.min() < RANGE_MIN || range.min() > RANGE_MAX) {
        add(field + ".min", "must be between " + RANGE_MIN + " and " + RANGE_MAX);
      } else if (range.max() != null && (range.max() < range.min() || range.max() > RANGE_MAX)) {
        add(field + ".max", "must be between min (" + range.min() + ") and " + RANGE_MAX + ", or absent for no upper limit");
      }
    }
  }
}
