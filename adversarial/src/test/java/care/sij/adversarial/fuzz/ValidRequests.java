package care.sij.adversarial.fuzz;

import care.sij.adversarial.fuzz.Contracts.Operation;
import care.sij.adversarial.fuzz.Contracts.Param;
import care.sij.adversarial.fuzz.Contracts.Shape;
import care.sij.adversarial.fuzz.Wire.Header;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Valid requests of an operation, generated from its contract's schemas, with the values only the fixtures know. */
final class ValidRequests {
  /** The contracts' pattern of free text (common's PlainText): no control characters, which the words below never hold. */
  static final String PLAIN_TEXT = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$";
  private static final Pattern CHAR_CLASS = Pattern.compile("\\[([^\\]]+)\\](\\+|\\*|\\{(\\d+)(?:,(\\d*))?\\})?");
  private static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
  private static final int SHORT = 30;

  private final Fixtures fixtures;

  ValidRequests(Fixtures fixtures) {
    this.fixtures = fixtures;
  }

  Arbitrary<Draft> of(Operation op) {
    Map<String, Arbitrary<String>> path = new LinkedHashMap<>();
    for (Param p : op.in("path")) {
      path.put(p.name(), fixtures.pathPool(op, p.name()).orElseGet(() -> text(p.shape())));
    }
    List<Arbitrary<List<Draft.Query>>> query = new ArrayList<>();
    for (Param p : op.in("query")) {
      query.add(queryValues(op, p));
    }
    List<Arbitrary<Header>> headers = new ArrayList<>();
    for (Param p : op.in("header")) {
      Arbitrary<String> value = switch (p.name()) {
        case "If-Match" -> Arbitraries.just(Fixtures.ETAG);
        case "Idempotency-Key" -> Arbitraries.just(Fixtures.UNIQUE); // a key used again with another body is a documented 422
        case "On-Behalf-Of-Tenant" -> Arbitraries.just(null); // only service clients may delegate: a tenant's token never names one
        default -> Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(SHORT).map(s -> "\"" + s + "\"");
      };
      headers.add((p.required() ? value : value.injectNull(0.5)).map(v -> v == null ? null : new Header(p.name(), v)));
    }
    Arbitrary<JsonNode> body = op.body() == null ? Arbitraries.just(null) : node(op, op.body(), "");
    return Combinators.combine(combine(path), all(query).map(lists -> lists.stream().flatMap(List::stream).toList()),
            all(headers).map(list -> list.stream().filter(Objects::nonNull).toList()), body)
        .as((p, q, h, b) -> fixtures.cohere(Draft.of(op, p, q, h, b)));
  }

  private Arbitrary<List<Draft.Query>> queryValues(Operation op, Param p) {
    Arbitrary<List<String>> values;
    if ("array".equals(p.shape().type())) {
      values = text(p.shape().items()).list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    } else {
      values = fixtures.queryPool(op, p.name()).orElseGet(() -> scalar(p.shape())).map(v -> v == null ? List.of() : List.of(v));
    }
    return values.injectNull(p.required() ? 0 : 0.5)
        .map(list -> list == null ? List.of() : list.stream().map(v -> new Draft.Query(p.name(), Draft.Part.of(v))).toList());
  }

  /** A query value as text: a number or a truth value written out, else a string. */
  private static Arbitrary<String> scalar(Shape s) {
    return switch (s.type() == null ? "string" : s.type()) {
      case "integer" -> integers(s).map(String::valueOf);
      case "boolean" -> Arbitraries.of("true", "false");
      default -> text(s);
    };
  }

  Arbitrary<JsonNode> node(Operation op, Shape s, String path) {
    var pooled = fixtures.bodyPool(op, path);
    if (pooled.isPresent()) {
      return pooled.get();
    }
    String type = s.type() == null ? (s.properties().isEmpty() ? "string" : "object") : s.type();
    return switch (type) {
      case "object" -> object(op, s, path);
      case "array" -> {
        int min = s.minItems() == null ? 0 : s.minItems();
        int max = Math.min(s.maxItems() == null ? 4 : s.maxItems(), min + 3);
        yield node(op, s.items(), path + "[]").list().ofMinSize(min).ofMaxSize(max)
            .uniqueElements(n -> n.isTextual() ? n.asText().toLowerCase(Locale.ROOT) : n)
            .map(list -> (JsonNode) new ArrayNode(JsonNodeFactory.instance, list));
      }
      case "integer" -> integers(s).map(i -> (JsonNode) IntNode.valueOf(i));
      case "boolean" -> Arbitraries.of(true, false).map(b -> (JsonNode) BooleanNode.valueOf(b));
      default -> text(s).map(t -> (JsonNode) TextNode.valueOf(t));
    };
  }

  private Arbitrary<JsonNode> object(Operation op, Shape s, String path) {
    List<Arbitrary<Map.Entry<String, JsonNode>>> fields = new ArrayList<>();
    s.properties().forEach((name, shape) -> {
      Arbitrary<JsonNode> value = node(op, shape, path.isEmpty() ? name : path + "." + name);
      Arbitrary<JsonNode> maybe = s.required().contains(name) ? value : value.injectNull(0.5);
      fields.add(maybe.map(v -> v == null ? null : Map.entry(name, v)));
    });
    return all(fields).map(entries -> {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      entries.stream().filter(Objects::nonNull).forEach(e -> object.set(e.getKey(), e.getValue()));
      return object;
    });
  }

  static Arbitrary<Integer> integers(Shape s) {
    int min = s.minimum() == null ? 0 : s.minimum().intValueExact();
    int max = s.maximum() == null ? min + 20 : s.maximum().min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValueExact();
    return Arbitraries.integers().between(min, max);
  }

  /** A string the schema allows: from its enum, format, pattern or lengths; the contract's examples where a pattern is beyond us. */
  static Arbitrary<String> text(Shape s) {
    if (s.enumValues() != null) {
      return Arbitraries.of(s.enumValues());
    }
    if ("uuid".equals(s.format())) {
      return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()).toString());
    }
    if ("date-time".equals(s.format())) {
      return Fixtures.instants().map(Object::toString);
    }
    if ("date".equals(s.format())) {
      return Arbitraries.integers().between(0, 9000).map(d -> LocalDate.of(2001, 1, 1).plusDays(d).toString());
    }
    int min = s.minLength() == null ? 0 : s.minLength();
    int max = s.maxLength() == null ? SHORT : s.maxLength();
    if (s.pattern() != null && !s.pattern().equals("\\S") && !s.pattern().equals(PLAIN_TEXT)) {
      return patterned(s, min, max);
    }
    Arbitrary<String> words = Arbitraries.strings().alpha().numeric().withChars(" .,'-éßøñ中文").ofMaxLength(Math.max(0, Math.min(max, SHORT) - 3))
        .flatMap(rest -> Arbitraries.of("", "🙂").map(end -> "S" + rest + end))
        .filter(t -> t.length() >= min && t.length() <= max);
    return s.maxLength() == null ? words : Arbitraries.frequencyOf(Tuple.of(9, words), Tuple.of(1, Arbitraries.just("x".repeat(max))));
  }

  /** The contracts anchor a bean-validation pattern as ^(?:...)$, which Java's matches() implies. */
  private static String unanchored(String pattern) {
    return pattern.startsWith("^(?:") && pattern.endsWith(")$") ? pattern.substring(4, pattern.length() - 2) : pattern;
  }

  private static Arbitrary<String> patterned(Shape s, int min, int max) {
    String pattern = unanchored(s.pattern());
    if (pattern.equals(SLUG)) {
      return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8).list().ofMinSize(1).ofMaxSize(3)
          .map(parts -> String.join("-", parts)).filter(t -> t.length() <= max);
    }
    List<Arbitrary<String>> atoms = new ArrayList<>();
    Matcher m = CHAR_CLASS.matcher(pattern);
    int at = 0;
    while (m.find() && m.start() == at) {
      char[] chars = expand(m.group(1));
      int lo = m.group(2) == null ? 1 : m.group(2).equals("+") ? 1 : m.group(2).equals("*") ? 0 : Integer.parseInt(m.group(3));
      int hi = m.group(2) == null ? 1 : m.group(3) == null ? lo + 12
          : m.group(4) == null ? lo : m.group(4).isEmpty() ? lo + 12 : Integer.parseInt(m.group(4));
      atoms.add(Arbitraries.strings().withChars(chars).ofMinLength(lo).ofMaxLength(Math.min(hi, lo + 20)));
      at = m.end();
    }
    if (at == pattern.length() && !atoms.isEmpty()) {
      return Combinators.combine(atoms).as(parts -> String.join("", parts)).filter(t -> t.length() >= Math.max(min, 1) && t.length() <= max);
    }
    List<String> examples = s.examples() == null ? List.of()
        : s.examples().stream().map(String::valueOf).filter(e -> Pattern.matches(pattern, e)).toList();
    if (examples.isEmpty()) {
      throw new IllegalStateException("no generator for the pattern " + pattern + " and no example that matches it");
    }
    return Arbitraries.of(examples);
  }

  private static char[] expand(String charClass) {
    StringBuilder chars = new StringBuilder();
    for (int i = 0; i < charClass.length(); i++) {
      char c = charClass.charAt(i);
      if (c == '\\' && i + 1 < charClass.length()) {
        chars.append(charClass.charAt(++i));
      } else if (i + 2 < charClass.length() && charClass.charAt(i + 1) == '-') {
        for (char x = c; x <= charClass.charAt(i + 2); x++) {
          chars.append(x);
        }
        i += 2;
      } else {
        chars.append(c);
      }
    }
    return chars.toString().toCharArray();
  }

  /** All the parts together; jqwik's list combinator wants at least one. */
  static <T> Arbitrary<List<T>> all(List<Arbitrary<T>> parts) {
    return parts.isEmpty() ? Arbitraries.just(List.of()) : Combinators.combine(parts).as(list -> new ArrayList<>(list));
  }

  static <T> Arbitrary<Map<String, T>> combine(Map<String, Arbitrary<T>> parts) {
    List<String> names = new ArrayList<>(parts.keySet());
    return all(new ArrayList<>(parts.values())).map(values -> {
      Map<String, T> map = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        map.put(names.get(i), values.get(i));
      }
      return map;
    });
  }
}
