package care.sij.triage.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a rule set. Anything wrong stops start-up with a message that names the rule
 * or question and what is wrong with it; nothing half-valid is ever evaluated.
 */
public final class RuleSetParser {
  private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private static final String TOPIC = "[a-z0-9]+(-[a-z0-9]+)*";

  private final List<String> errors = new ArrayList<>();
  private final Use use;

  private RuleSetParser(Use use) {
    this.use = use;
  }

  /**
   * What the rule set is loaded for. The current one answers new reports, so it must ask every question of
   * the symptom report, locate every citation and carry the education links; an earlier one is kept for the
   * assessments it made, as it was published.
   */
  public enum Use { CURRENT, EARLIER }

  /** Thrown with every problem found, one per line. */
  public static final class InvalidRuleSet extends RuntimeException {
    InvalidRuleSet(String file, List<String> errors) {
      super(file + " is not a valid rule set:\n  - " + String.join("\n  - ", errors));
    }
  }

  /**
   * @param reportFields the symptom report's JSON fields, which the questions must match exactly
   * @param knownSources ids and titles of every article and guideline a rule may cite
   */
  public static RuleSet parse(String file, JsonNode doc, Set<String> reportFields, Map<String, String> knownSources) {
    return parse(file, doc, Use.CURRENT, reportFields, knownSources);
  }

  public static RuleSet parse(String file, JsonNode doc, Use use, Set<String> reportFields, Map<String, String> knownSources) {
    RuleSetParser p = new RuleSetParser(use);
    RuleSet ruleSet = p.read(doc, reportFields, knownSources);
    if (!p.errors.isEmpty()) {
      throw new InvalidRuleSet(file, p.errors);
    }
    return ruleSet;
  }

  private RuleSet read(JsonNode doc, Set<String> reportFields, Map<String, String> knownSources) {
    String version = text(doc, "version", "rule set");
    LocalDate published = null;
    try {
      published = LocalDate.parse(text(doc, "published", "rule set"));
    } catch (RuntimeException e) {
      errors.add("rule set: published must be a date (YYYY-MM-DD)");
    }
    Disposition floor = disposition(doc.path("incompleteFloor"), "rule set incompleteFloor");
    if (floor == Disposition.self_care) {
      errors.add("rule set: incompleteFloor must not be self_care");
    }

    List<RuleSet.DispositionInfo> dispositions = new ArrayList<>();
    for (JsonNode d : doc.path("dispositions")) {
      Disposition id = disposition(d.path("id"), "disposition");
      dispositions.add(new RuleSet.DispositionInfo(id, text(d, "label", "disposition " + id), text(d, "who", "disposition " + id),
          text(d, "when", "disposition " + id), topics(d, "disposition " + id)));
    }
    if (!dispositions.stream().map(RuleSet.DispositionInfo::id).toList().equals(Arrays.asList(Disposition.values()))) {
      errors.add("dispositions must list " + Arrays.toString(Disposition.values()) + " in this order, each once");
    }

    Map<String, Question> questions = new LinkedHashMap<>();
    for (JsonNode q : doc.path("questions")) {
      Question question = question(q, questions);
      if (question != null && questions.putIfAbsent(question.id(), question) != null) {
        errors.add("question " + question.id() + ": listed twice");
      }
    }
    Set<String> missing = new HashSet<>(reportFields);
    missing.removeAll(questions.keySet());
    Set<String> extra = new HashSet<>(questions.keySet());
    extra.removeAll(reportFields);
    if (use == Use.CURRENT && !(missing.isEmpty() && extra.isEmpty())) {
      errors.add("questions must match the symptom report's fields; missing " + missing + ", not in the report " + extra);
    } else if (!extra.isEmpty()) { // an earlier rule set's answers must still be readable from the report
      errors.add("questions must be fields of the symptom report; not in the report " + extra);
    }

    List<RuleSet.Rule> rules = new ArrayList<>();
    Set<String> ruleIds = new HashSet<>();
    Set<String> citedSources = new HashSet<>();
    for (JsonNode r : doc.path("rules")) {
      String id = text(r, "id", "a rule");
      String where = "rule " + id;
      if (!ruleIds.add(id)) {
        errors.add(where + ": duplicate id");
      }
      Condition when = condition(r.path("when"), questions, where);
      if (when != null && when.negatesSymptom(false)) {
        errors.add(where + ": 'not' over a symptom would let a new symptom lower the disposition");
      }
      List<RuleSet.Citation> sources = new ArrayList<>();
      r.path("sources").forEach(s -> sources.add(citation(s, where)));
      if (sources.isEmpty()) {
        errors.add(where + ": needs at least one source");
      }
      for (RuleSet.Citation s : sources) {
        if (!knownSources.containsKey(s.id())) {
          errors.add(where + ": unknown source '" + s.id() + "'");
        }
        citedSources.add(s.id());
      }
      String cautiousReading = null;
      if (r.has("cautiousReading")) {
        cautiousReading = text(r, "cautiousReading", where);
      }
      rules.add(new RuleSet.Rule(id, disposition(r.path("disposition"), where), when, text(r, "reason", where),
          text(r, "action", where), cautiousReading, List.copyOf(sources), topics(r, where)));
    }
    if (rules.isEmpty()) {
      errors.add("rule set: no rules");
    }

    List<RuleSet.Pathway> pathways = new ArrayList<>();
    for (JsonNode p : doc.path("pathways")) {
      String id = text(p, "id", "a pathway");
      String where = "pathway " + id + " (" + p.path("routine").asText() + ")";
      if (!id.equals("mobility") && !id.equals("stability")) {
        errors.add(where + ": id must be mobility or stability");
      }
      String routine = text(p, "routine", where);
      if (!routine.matches("[a-z0-9-]+")) {
        errors.add(where + ": routine must be a catalog routine id");
      }
      Condition when = p.has("when") ? condition(p.path("when"), questions, where) : null;
      pathways.add(new RuleSet.Pathway(id, when, routine, text(p, "reason", where), topics(p, where)));
    }
    if (pathways.isEmpty() || pathways.get(pathways.size() - 1).when() != null) {
      errors.add("pathways: the last one must have no 'when', so that self-care always has a pathway");
    }

    List<String> safetyNet = new ArrayList<>();
    doc.path("safetyNet").forEach(s -> safetyNet.add(s.asText()));
    if (safetyNet.isEmpty()) {
      errors.add("rule set: safetyNet advice is missing");
    }

    RuleSet.Education education = null;
    if (doc.has("education")) {
      JsonNode e = doc.get("education");
      education = new RuleSet.Education(text(e, "disclaimer", "education"), topics(e, "education"));
      if (education.topics().isEmpty()) {
        errors.add("education: topics must name the topics every answer links");
      }
    } else if (use == Use.CURRENT) {
      errors.add("rule set: education (the disclaimer and the topics every answer links) is missing");
    }

    Map<String, String> titles = new LinkedHashMap<>();
    citedSources.stream().sorted().filter(knownSources::containsKey).forEach(s -> titles.put(s, knownSources.get(s)));
    return new RuleSet(version, published, floor, List.copyOf(dispositions), List.copyOf(questions.values()), List.copyOf(rules),
        List.copyOf(pathways), List.copyOf(safetyNet), education, Map.copyOf(titles), doc, digest(doc));
  }

  /** A cited source: {id, locator}; a bare id only in rule sets published before locators. */
  private RuleSet.Citation citation(JsonNode s, String where) {
    if (s.isTextual()) {
      if (use == Use.CURRENT) {
        errors.add(where + ": source '" + s.asText() + "' needs a locator ({id, locator}: where in it a reviewer finds the statement)");
      }
      return new RuleSet.Citation(s.asText(), null);
    }
    return new RuleSet.Citation(text(s, "id", where + " source"), text(s, "locator", where + " source " + s.path("id").asText()));
  }

  /** Education topic ids (catalog-service's /v1/topics/{id}); none when the entry names none. */
  private List<String> topics(JsonNode node, String where) {
    List<String> topics = new ArrayList<>();
    for (JsonNode t : node.path("topics")) {
      if (!t.isTextual() || !t.asText().matches(TOPIC)) {
        errors.add(where + ": topic '" + t.asText() + "' must be a topic id such as when-to-seek-care");
      } else if (topics.contains(t.asText())) {
        errors.add(where + ": topic '" + t.asText() + "' listed twice");
      } else {
        topics.add(t.asText());
      }
    }
    return List.copyOf(topics);
  }

  private Question question(JsonNode q, Map<String, Question> earlier) {
    String id = text(q, "id", "a question");
    String where = "question " + id;
    Question.Type type;
    try {
      type = Question.Type.valueOf(q.path("type").asText().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase());
    } catch (IllegalArgumentException e) {
      errors.add(where + ": type must be boolean, integer, enum or enumSet");
      return null;
    }
    List<String> values = new ArrayList<>();
    q.path("values").forEach(v -> values.add(v.asText()));
    if ((type == Question.Type.ENUM || type == Question.Type.ENUM_SET) == values.isEmpty()) {
      errors.add(where + ": values belong to enum and enumSet questions only, and those need them");
    }
    Integer min = q.has("min") ? q.get("min").asInt() : null;
    Integer max = q.has("max") ? q.get("max").asInt() : null;
    if (type == Question.Type.INTEGER && (min == null || max == null || min > max)) {
      errors.add(where + ": an integer question needs min <= max");
    }
    Question.Kind kind = "symptom".equals(q.path("kind").asText()) ? Question.Kind.SYMPTOM
        : "context".equals(q.path("kind").asText()) ? Question.Kind.CONTEXT : null;
    if (kind == null) {
      errors.add(where + ": kind must be symptom or context");
      kind = Question.Kind.CONTEXT;
    }
    Condition askIf = q.has("askIf") ? condition(q.path("askIf"), earlier, where + " askIf") : null;
    return new Question(id, text(q, "text", where), type, List.copyOf(values), min, max, kind,
        q.path("redFlag").asBoolean(false), askIf);
  }

  private Condition condition(JsonNode node, Map<String, Question> questions, String where) {
    if (!node.isObject() || node.size() == 0) {
      errors.add(where + ": a condition must be an object");
      return null;
    }
    if (node.has("all") || node.has("any")) {
      String key = node.has("all") ? "all" : "any";
      if (node.size() != 1 || !node.get(key).isArray() || node.get(key).isEmpty()) {
        errors.add(where + ": '" + key + "' takes a non-empty list and nothing beside it");
        return null;
      }
      List<Condition> parts = new ArrayList<>();
      node.get(key).forEach(n -> parts.add(condition(n, questions, where)));
      return parts.contains(null) ? null : key.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
    }
    if (node.has("not")) {
      Condition inner = condition(node.get("not"), questions, where);
      return inner == null ? null : new Condition.Not(inner);
    }
    String field = node.path("field").asText(null);
    Question question = questions.get(field);
    if (question == null) {
      errors.add(where + ": unknown field '" + field + "'");
      return null;
    }
    Iterator<String> names = node.fieldNames();
    Condition.Operator operator = null;
    while (names.hasNext()) {
      String name = names.next();
      if (name.equals("field")) {
        continue;
      }
      try {
        operator = Condition.Operator.valueOf(name);
      } catch (IllegalArgumentException e) {
        errors.add(where + ": unknown operator '" + name + "' (is, atLeast, below, contains)");
        return null;
      }
    }
    if (operator == null || node.size() != 2) {
      errors.add(where + ": a comparison is {field, and one of is, atLeast, below, contains}");
      return null;
    }
    JsonNode raw = node.get(operator.name());
    Object value = value(question, operator, raw, where);
    if (value == null) {
      return null;
    }
    if (question.kind() == Question.Kind.SYMPTOM && !upwards(question, operator, value)) {
      errors.add(where + ": symptom '" + field + "' may only be tested upwards (is true, atLeast, contains)");
    }
    return new Condition.Compare(question, operator, value);
  }

  private Object value(Question q, Condition.Operator op, JsonNode raw, String where) {
    String problem = null;
    Object value = null;
    switch (q.type()) {
      case BOOLEAN -> {
        if (op != Condition.Operator.is || !raw.isBoolean()) {
          problem = "a yes/no field takes 'is: true' or 'is: false'";
        } else {
          value = raw.booleanValue();
        }
      }
      case INTEGER -> {
        if ((op != Condition.Operator.atLeast && op != Condition.Operator.below) || !raw.isInt()) {
          problem = "a number field takes atLeast or below with a whole number";
        } else if (raw.intValue() < q.min() || raw.intValue() > q.max()) {
          problem = "the value " + raw.intValue() + " is outside " + q.min() + ".." + q.max();
        } else {
          value = raw.intValue();
        }
      }
      case ENUM -> {
        if ((op != Condition.Operator.is && op != Condition.Operator.atLeast) || !q.values().contains(raw.asText())) {
          problem = "takes is or atLeast with one of " + q.values();
        } else {
          value = raw.asText();
        }
      }
      case ENUM_SET -> {
        if (op != Condition.Operator.contains || !q.values().contains(raw.asText())) {
          problem = "takes contains with one of " + q.values();
        } else {
          value = raw.asText();
        }
      }
    }
    if (problem != null) {
      errors.add(where + ": field '" + q.id() + "' " + problem);
    }
    return value;
  }

  private static boolean upwards(Question q, Condition.Operator op, Object value) {
    return switch (op) {
      case is -> Boolean.TRUE.equals(value) || (q.type() == Question.Type.ENUM && q.rank((String) value) == q.values().size() - 1);
      case atLeast, contains -> true;
      case below -> false;
    };
  }

  private Disposition disposition(JsonNode node, String where) {
    try {
      return Disposition.valueOf(node.asText());
    } catch (IllegalArgumentException e) {
      errors.add(where + ": unknown disposition '" + node.asText() + "'");
      return Disposition.consultation;
    }
  }

  private String text(JsonNode node, String field, String where) {
    String value = node.path(field).asText("");
    if (value.isBlank()) {
      errors.add(where + ": " + field + " is missing");
    }
    return value;
  }

  private static String digest(JsonNode doc) {
    try {
      Object canonical = CANONICAL.treeToValue(doc, Object.class);
      byte[] bytes = CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
