package care.sij.adversarial.fuzz;

import care.sij.adversarial.fuzz.Contracts.Operation;
import care.sij.adversarial.fuzz.Contracts.Param;
import care.sij.adversarial.fuzz.Contracts.Shape;
import care.sij.adversarial.fuzz.Draft.Part;
import care.sij.testsupport.DevTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Turns a valid request into an invalid or odd one, one fault at a time, and says what the answer must
 * be: a field's value (wrong type, null, missing, unknown, out of range, too long, control characters,
 * odd Unicode and dates), the body as a whole, the path, the query, the headers, the method.
 */
final class Mutator {
  static final String CONTROL_MESSAGE = "must not contain control characters";
  private static final Pattern RFC3339 = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String HUGE = "x".repeat(100_000);
  private static final byte[] HUGE_BODY = ("{\"pad\":\"" + "x".repeat(1_150_000) + "\"}").getBytes(StandardCharsets.UTF_8);
  /** Tokens that must not let anyone in, minted once: signing is the slow part of generating a case. */
  private static final String EXPIRED = DevTokens.expired("fuzz", DevTokens.ALL_SCOPES);
  private static final String WRONG_ISSUER = DevTokens.wrongIssuer("fuzz", DevTokens.ALL_SCOPES);
  private static final String UNSIGNED = DevTokens.unsigned("fuzz", DevTokens.ALL_SCOPES);
  private static final String NO_SCOPE = DevTokens.forTenant("fuzz", "nothing");
  /** Odd characters put inside a valid value; other odd values replace it. */
  private static final Set<String> INSERTED = Set.of("\u0000", "\u0007", "\u001b", "\u007f", "🙂", "中文", "é", "\u202e", "e\u0301",
      "\uFEFF", "\uFFFF");
  private static final String DEEP = "[".repeat(2000) + "]".repeat(2000);

  /** What the answer must be. */
  enum Verdict { ACCEPT, REFUSE, EITHER }

  /**
   * @param statuses the statuses a refusal must have; empty: any 4xx
   * @param field the field a 400 must name ("a|b": either), null when the fault is not one field's
   * @param message what the error of that field must say, or null
   */
  /**
   * What an answer must be. {@code cutOffBelowQuarkus}: the request is beyond the HTTP decoder's own
   * limits, which refuse it with an empty body before any handler of the service can answer
   * (quarkusio/quarkus#55082, README "Limits and failures"); it must still be refused, never served.
   */
  record Expect(Verdict verdict, Set<Integer> statuses, String field, String message, boolean cutOffBelowQuarkus) {
    static Expect accept() {
      return new Expect(Verdict.ACCEPT, Set.of(), null, null, false);
    }

    static Expect either() {
      return new Expect(Verdict.EITHER, Set.of(), null, null, false);
    }

    static Expect refuse(Integer... statuses) {
      return new Expect(Verdict.REFUSE, Set.of(statuses), null, null, false);
    }

    static Expect refuseBelowQuarkus(Integer... statuses) {
      return new Expect(Verdict.REFUSE, Set.of(statuses), null, null, true);
    }

    static Expect refuseNaming(String field, String message) {
      return new Expect(Verdict.REFUSE, Set.of(), field, message, false);
    }

    Expect orEither(boolean refused) {
      return refused ? this : new Expect(Verdict.EITHER, Set.of(), field, null, false);
    }
  }

  /** One request to send: what was done to the valid one, to which field, and what must come back. */
  record Case(String kind, String target, String note, Expect expect, Draft draft) {
    static Case valid(Draft d) {
      return new Case("valid", null, "", Expect.accept(), d);
    }
  }

  /** A place in the body: its JSON path as the services name it, how to reach it, and its schema. */
  private record Target(String path, List<Object> steps, Shape shape, boolean required, boolean element) {}

  Arbitrary<Case> of(Draft valid) {
    Operation op = valid.op();
    List<Tuple.Tuple2<Integer, Arbitrary<Case>>> families = new ArrayList<>();
    if (valid.body() != null) {
      List<Target> targets = new ArrayList<>();
      collect(valid.body(), op.body(), "", new ArrayList<>(), false, false, targets);
      if (!targets.isEmpty()) {
        families.add(Tuple.of(10, Arbitraries.of(targets).flatMap(t -> field(valid, t))));
      }
      families.add(Tuple.of(3, wholeBody(valid)));
    }
    if (!op.in("path").isEmpty()) {
      families.add(Tuple.of(3, Arbitraries.of(op.in("path")).flatMap(p -> path(valid, p))));
    }
    families.add(Tuple.of(3, query(valid)));
    families.add(Tuple.of(3, headers(valid)));
    return Arbitraries.frequencyOf(families.toArray(Tuple.Tuple2[]::new));
  }

  // ------------------------------------------------------------------ one field of the body

  private static void collect(JsonNode node, Shape shape, String path, List<Object> steps, boolean required, boolean element,
      List<Target> out) {
    if (shape == null) {
      return;
    }
    out.add(new Target(path, List.copyOf(steps), shape, required, element));
    if (node instanceof ObjectNode object) {
      for (var name : shape.properties().keySet()) {
        List<Object> next = new ArrayList<>(steps);
        next.add(name);
        if (object.has(name)) {
          collect(object.get(name), shape.properties().get(name), path.isEmpty() ? name : path + "." + name, next,
              shape.required().contains(name), false, out);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        List<Object> next = new ArrayList<>(steps);
        next.add(i);
        collect(array.get(i), shape.items(), path + "[" + i + "]", next, true, true, out);
      }
    }
  }

  private Arbitrary<Case> field(Draft valid, Target t) {
    JsonNode current = at(valid.body(), t.steps());
    List<Arbitrary<Case>> options = new ArrayList<>();
    if (current instanceof ObjectNode) {
      String unknown = t.path().isEmpty() ? "fuzzUnknown" : t.path() + ".fuzzUnknown";
      options.add(Arbitraries.just(new Case("unknown-field", unknown, "", Expect.refuseNaming(unknown, null),
          valid.withBody(set(valid.body(), append(t.steps(), "fuzzUnknown"), NODES.numberNode(1)), null))));
    }
    if (t.path().isEmpty()) {
      return Arbitraries.oneOf(options);
    }
    options.add(Arbitraries.just(new Case("null", t.path(), "", Expect.refuseNaming(t.path(), null).orEither(t.required()),
        valid.withBody(set(valid.body(), t.steps(), NullNode.getInstance()), null))));
    if (t.required() && !t.element()) {
      options.add(Arbitraries.just(new Case("missing-required", t.path(), "", Expect.refuseNaming(t.path(), null),
          valid.withBody(remove(valid.body(), t.steps()), null))));
    }
    options.add(Arbitraries.of(wrongTypes(t.shape())).map(raw -> raw(valid, t, "wrong-type", raw, Expect.refuseNaming(t.path(), null))));
    options.add(Arbitraries.just(new Case("deep-nesting", t.path(), "2000 nested arrays", Expect.refuse(400),
        valid.withBody(set(valid.body(), t.steps(), TextNode.valueOf(Draft.RAW)), DEEP))));
    if (t.shape().isInteger()) {
      options.add(Arbitraries.of(numbers(t.shape())).map(n -> raw(valid, t, "number", n,
          Expect.refuseNaming(t.path(), null).orEither(!integerAccepted(t.shape(), n)))));
    }
    if (t.shape().isText() && current.isTextual()) {
      options.add(texts(valid, t, current.asText()));
    }
    if ("array".equals(t.shape().type()) && current instanceof ArrayNode array && array.size() > 0) {
      if (t.shape().maxItems() != null) {
        ArrayNode many = NODES.arrayNode();
        for (int i = 0; i <= t.shape().maxItems(); i++) {
          many.add(array.get(i % array.size()));
        }
        options.add(Arbitraries.just(new Case("too-many-items", t.path(), (t.shape().maxItems() + 1) + " items",
            Expect.refuseNaming(t.path(), null), valid.withBody(set(valid.body(), t.steps(), many), null))));
      }
      if (t.shape().minItems() != null && t.shape().minItems() > 0) {
        options.add(Arbitraries.just(new Case("empty-array", t.path(), "", Expect.refuseNaming(t.path(), null),
            valid.withBody(set(valid.body(), t.steps(), NODES.arrayNode()), null))));
      }
    }
    return Arbitraries.oneOf(options);
  }

  private Arbitrary<Case> texts(Draft valid, Target t, String value) {
    Shape s = t.shape();
    List<String> odd = new ArrayList<>(List.of("", "\u0000", "\u0007", "\u001b", "\u007f", "🙂", "中文", "é", "\u202e", "e\u0301",
        "\uFEFF", "\uFFFF", HUGE));
    if (s.maxLength() != null) {
      odd.add("x".repeat(s.maxLength() + 1));
    }
    if (s.enumValues() != null) {
      odd.add(value.toUpperCase());
      odd.add(value + " ");
    }
    if ("date-time".equals(s.format()) || t.path().endsWith("at")) {
      odd.addAll(List.of("0001-01-01T00:00:00Z", "+999999-01-01T00:00:00Z", "9999-12-31", "9999-12-31T23:59:59Z", "1999-12-31T23:59:59Z",
          "2000-01-01T00:00:00Z", "2026-02-30T10:00:00Z", "yesterday", Instant.now().plus(Duration.ofDays(1)).toString(),
          Instant.now().plus(Duration.ofMinutes(10)).toString(), "2024-01-01T10:00:00+14:00", "2024-01-01 10:00:00"));
    }
    Arbitrary<Case> whole = Arbitraries.of(odd).map(o -> {
      String mutated = INSERTED.contains(o) ? insert(value, o) : o;
      return new Case(kindOf(o), t.path(), describe(mutated), expectText(valid.op(), t, mutated),
          valid.withBody(set(valid.body(), t.steps(), TextNode.valueOf(mutated)), null));
    });
    Arbitrary<Case> surrogate = Arbitraries.of("\\ud800", "\\udfff", "\\ud83d").map(escape -> {
      String half = escape.substring(2);
      String raw = "\"" + jsonInner(value.substring(0, value.length() / 2)) + escape + jsonInner(value.substring(value.length() / 2)) + "\"";
      return new Case("lone-surrogate", t.path(), "a lone \\u" + half + " escape",
          Expect.refuseNaming(t.path(), s.isFreeText() ? CONTROL_MESSAGE : null),
          valid.withBody(set(valid.body(), t.steps(), TextNode.valueOf(Draft.RAW)), raw));
    });
    return Arbitraries.frequencyOf(Tuple.of(4, whole), Tuple.of(1, surrogate));
  }

  private static String kindOf(String odd) {
    if (odd.isEmpty()) {
      return "empty-string";
    }
    if (odd.length() == 1 && (odd.charAt(0) < 0x20 || odd.charAt(0) == 0x7f)) {
      return "control-character";
    }
    if (odd.length() >= 100_000) {
      return "huge-string";
    }
    if (odd.startsWith("x")) {
      return "over-max-length";
    }
    if (Character.isDigit(odd.charAt(0)) || odd.startsWith("+") || odd.equals("yesterday")) {
      return "odd-date";
    }
    return odd.chars().allMatch(c -> c < 0x80) ? "odd-enum" : "unicode";
  }

  /** What a string value must get, by the contract's schema and the services' rules for text and dates. */
  static Expect expectText(Operation op, Target t, String v) {
    Shape s = t.shape();
    if (hasControl(v)) {
      return Expect.refuseNaming(t.path(), s.isFreeText() ? CONTROL_MESSAGE : null);
    }
    boolean ok = s.enumValues() == null || s.enumValues().contains(v);
    ok &= s.minLength() == null || v.length() >= s.minLength();
    ok &= s.maxLength() == null || v.length() <= s.maxLength();
    ok &= s.pattern() == null || Pattern.compile(s.pattern()).matcher(v).find(); // JSON Schema patterns are not anchored
    if ("date-time".equals(s.format())) {
      ok &= dateTime(v) != null;
      if (t.path().equals("at") || t.path().endsWith(".at")) { // pain entries and sessions: from 2000 to five minutes ahead
        Instant at = dateTime(v);
        ok &= at != null && !at.isBefore(Fixtures.EARLIEST) && !at.isAfter(Instant.now().plus(Duration.ofMinutes(5)));
      }
    }
    if ("uuid".equals(s.format())) {
      ok &= v.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }
    return Expect.refuseNaming(t.path(), null).orEither(!ok);
  }

  static Instant dateTime(String v) {
    if (!RFC3339.matcher(v).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The upcoming rule: C0 controls but tab, LF and CR; DEL; and any lone surrogate. */
  static boolean hasControl(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
        return true;
      }
      if (Character.isHighSurrogate(c) && (i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1)))) {
        return true;
      }
      if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(v.charAt(i - 1)))) {
        return true;
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return false;
  }

  private static List<String> wrongTypes(Shape s) {
    return switch (s.type() == null ? "object" : s.type()) {
      case "integer", "number" -> List.of("\"7\"", "\"seven\"", "true", "{}", "[]", "[1]");
      case "boolean" -> List.of("\"true\"", "1", "\"yes\"", "{}", "[]");
      case "array" -> List.of("{}", "\"x\"", "1", "true");
      case "object" -> List.of("[]", "\"x\"", "1", "false");
      default -> List.of("7", "true", "{}", "[]", "[\"x\"]", "1.5");
    };
  }

  private static List<String> numbers(Shape s) {
    List<String> n = new ArrayList<>(List.of("9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "-1", "0", "1.5", "1E1",
        "2147483648", "-2147483649", "99999999999999999999999999999999", "0.0000001", "-0"));
    if (s.maximum() != null) {
      n.add(s.maximum().add(BigDecimal.ONE).toPlainString());
      n.add(s.maximum().toPlainString());
    }
    if (s.minimum() != null) {
      n.add(s.minimum().subtract(BigDecimal.ONE).toPlainString());
      n.add(s.minimum().toPlainString());
    }
    return n;
  }

  static boolean integerAccepted(Shape s, String number) {
    BigDecimal v = new BigDecimal(number);
    boolean integral = v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    return integral && (s.minimum() == null || v.compareTo(s.minimum()) >= 0) && (s.maximum() == null || v.compareTo(s.maximum()) <= 0)
        && v.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0 && v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
  }

  private static Case raw(Draft valid, Target t, String kind, String raw, Expect expect) {
    return new Case(kind, t.path(), raw, expect, valid.withBody(set(valid.body(), t.steps(), TextNode.valueOf(Draft.RAW)), raw));
  }

  // ------------------------------------------------------------------ the body as a whole

  private Arbitrary<Case> wholeBody(Draft valid) {
    String json = valid.body().toString();
    List<Case> cases = new ArrayList<>();
    for (String broken : List.of("", "{", "{\"a\":}", "nul", "null", "[]", "\"text\"", "42", json.substring(0, json.length() / 2),
        json + "}", json + " trailing", "{'single':'quotes'}", "\u0000", "{\"a\":\"unterminated")) {
      cases.add(new Case("malformed-json", null, describe(broken), Expect.refuse(400),
          valid.withRawBody(broken.getBytes(StandardCharsets.UTF_8), "application/json")));
    }
    cases.add(new Case("garbage-bytes", null, "bytes 0xff 0xfe 0x00 0xc3 0x28", Expect.refuse(400),
        valid.withRawBody(new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28, 0x7b}, "application/json")));
    byte[] invalidUtf8 = json.replaceFirst("\"([a-zA-Z])", "\"\u0001$1").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < invalidUtf8.length; i++) {
      if (invalidUtf8[i] == 1) {
        invalidUtf8[i] = (byte) 0xc3; // followed by an ASCII letter: not UTF-8
      }
    }
    cases.add(new Case("invalid-utf8", null, "0xc3 before an ASCII letter inside a string", Expect.refuse(400),
        valid.withRawBody(invalidUtf8, "application/json")));
    cases.add(new Case("deep-nesting", null, "2000 nested arrays as the body", Expect.refuse(400),
        valid.withRawBody(DEEP.getBytes(StandardCharsets.UTF_8), "application/json")));
    cases.add(new Case("huge-body", null, "a 1.1 MB body", Expect.refuse(413),
        valid.withRawBody(HUGE_BODY, "application/json")));
    cases.add(new Case("media-type", null, "text/plain", Expect.refuse(415), valid.withContentType("text/plain")));
    cases.add(new Case("media-type", null, "application/xml", Expect.refuse(415),
        valid.withRawBody("<a>1</a>".getBytes(StandardCharsets.UTF_8), "application/xml")));
    cases.add(new Case("media-type", null, "no Content-Type", Expect.refuse(415, 400), valid.withContentType(null)));
    cases.add(new Case("media-type", null, "multipart/form-data", Expect.refuse(415), valid.withContentType("multipart/form-data; boundary=x")));
    cases.add(new Case("byte-order-mark", null, "UTF-8 BOM before valid JSON", Expect.either(),
        valid.withRawBody(("\uFEFF" + json).getBytes(StandardCharsets.UTF_8), "application/json")));
    return Arbitraries.of(cases);
  }

  // ------------------------------------------------------------------ path, query, headers

  private Arbitrary<Case> path(Draft valid, Param p) {
    List<Case> cases = new ArrayList<>();
    for (String odd : List.of("a".repeat(5000), "%zz", "%", "%00", "%2e%2e%2f%2e%2e%2fq%2fhealth", "%E2%98%83", "%F0%9F%99%82", "%ED%A0%80",
        "%C0%AF", "null", "-1", "%20", "x%0Ay")) {
      cases.add(new Case("path:" + (odd.length() > 40 ? "long" : odd), p.name(), describe(odd), Expect.refuse(),
          valid.withPath(p.name(), new Part(odd, true))));
    }
    cases.add(new Case("path:long", p.name(), "6000 characters, over the edge's limit", Expect.refuse(414),
        valid.withPath(p.name(), new Part("a".repeat(6_000), true))));
    cases.add(new Case("path:very-long", p.name(), "70000 characters", Expect.refuseBelowQuarkus(414),
        valid.withPath(p.name(), new Part("a".repeat(70_000), true))));
    cases.add(new Case("path:raw-unicode", p.name(), "ü sent unencoded", Expect.refuse(), valid.withPath(p.name(), new Part("ü", true))));
    cases.add(new Case("path:raw-control", p.name(), "BEL sent unencoded", Expect.refuse(), valid.withPath(p.name(), new Part("a\u0007b", true))));
    cases.add(new Case("path:dot-segments", p.name(), "../ sent unencoded", Expect.either(), valid.withPath(p.name(), new Part("../..", true))));
    // a PUT's body names its id too, and a path that differs from it is a 400 before the lookup
    cases.add(new Case("path:unknown-uuid", p.name(), "", valid.op().method().equals("PUT") ? Expect.refuse() : Expect.refuse(404),
        valid.withPath(p.name(), Part.of(UUID.randomUUID().toString()))));
    if (valid.op().method().equals("PUT")) { // a curator's PUT of an id that does not exist creates nothing
      String id = Fixtures.unique();
      ObjectNode body = valid.body().deepCopy();
      body.put("id", id);
      cases.add(new Case("path:new-id", p.name(), id, Expect.refuse(), valid.withPath(p.name(), Part.of(id)).withBody(body, null)));
    }
    return Arbitraries.of(cases);
  }

  private Arbitrary<Case> query(Draft valid) {
    Operation op = valid.op();
    List<Arbitrary<Case>> options = new ArrayList<>();
    options.add(Arbitraries.of(
        new Case("query:unknown", "fuzz", "", Expect.either(), valid.withQueryValue("fuzz", Part.of("1"))),
        new Case("query:long", "fuzz", "6 KB, over the edge's limit", Expect.refuse(414), valid.withQueryValue("fuzz", new Part("x".repeat(6_000), true))),
        new Case("query:huge", "fuzz", "100 KB", Expect.refuseBelowQuarkus(414), valid.withQueryValue("fuzz", new Part(HUGE, true))),
        new Case("query:raw-control", "fuzz", "BEL unencoded", Expect.refuse(), valid.withQueryValue("fuzz", new Part("a\u0007b", true))),
        new Case("query:bad-escape", "fuzz", "%zz", Expect.refuse(400), valid.withQueryValue("fuzz", new Part("%zz", true)))));
    for (Param p : op.in("query")) {
      Function<String, Expect> expect = v -> expectQuery(op, p, v);
      List<Case> cases = new ArrayList<>();
      List<String> values = new ArrayList<>(List.of("", "abc", "1e400", "9223372036854775808", "-1", "1.5", "0", "🙂", "%zz", "%00", "%07",
          "%1B", "%7F", "%ED%A0%80", "a%00b", "x".repeat(6_000)));
      if (p.shape() != null && p.shape().maximum() != null) {
        values.add(p.shape().maximum().add(BigDecimal.ONE).toPlainString());
      }
      if (p.name().equals("from") || p.name().equals("to")) {
        values.addAll(List.of("0001-01-01T00:00:00Z", "+999999-01-01T00:00:00Z", "9999-12-31", "1999-12-31T23:59:59Z", "2000-01-01T00:00:00Z",
            "yesterday", "2024-02-30T00:00:00Z"));
      }
      for (String v : values) {
        boolean encodedAlready = v.startsWith("%") || v.contains("%");
        String decoded = encodedAlready ? decodeLoosely(v) : v;
        cases.add(new Case("query:" + (v.length() > 40 ? "huge" : v.isEmpty() ? "empty" : v), p.name(), describe(v),
            v.length() > 40 ? Expect.refuse() : v.equals("%zz") ? Expect.refuse(400) : expect.apply(decoded),
            valid.withQueryValue(p.name(), new Part(encodedAlready ? v : Fixtures.encode(v), true))));
      }
      List<Draft.Query> repeated = new ArrayList<>(valid.query());
      repeated.add(new Draft.Query(p.name(), Part.of("1")));
      repeated.add(new Draft.Query(p.name(), Part.of("bogus")));
      cases.add(new Case("query:repeated", p.name(), p.name() + "=1&" + p.name() + "=bogus", Expect.either(), valid.withQuery(repeated)));
      options.add(Arbitraries.of(cases));
    }
    if (op.id().equals("getProgress") || op.id().equals("getReport")) {
      Instant now = Instant.now();
      options.add(Arbitraries.of(
          window(valid, now.minus(Duration.ofDays(800)), now, "window over 731 days", "from"),
          window(valid, now, now.minus(Duration.ofDays(1)), "from after to", "from|to"),
          window(valid, now, now, "from equal to to", "from|to")));
    }
    return Arbitraries.oneOf(options);
  }

  private static Case window(Draft valid, Instant from, Instant to, String note, String named) {
    List<Draft.Query> q = new ArrayList<>(valid.query().stream().filter(x -> !x.name().equals("from") && !x.name().equals("to")).toList());
    q.add(new Draft.Query("from", Part.of(from.toString())));
    q.add(new Draft.Query("to", Part.of(to.toString())));
    return new Case("query:window", named, note, Expect.refuseNaming(named, null), valid.withQuery(q));
  }

  /** What a query value must get, by its schema and the services' rules for control characters and date windows. */
  private static Expect expectQuery(Operation op, Param p, String v) {
    Shape s = p.shape();
    if (hasControl(v)) {
      return Expect.refuseNaming(p.name(), CONTROL_MESSAGE);
    }
    if (v.isEmpty()) {
      return Expect.either();
    }
    boolean ok = true;
    if (s != null && s.isInteger()) {
      try {
        ok = integerAccepted(s, v);
      } catch (NumberFormatException e) {
        ok = false;
      }
    } else if (s != null && "array".equals(s.type()) && s.items() != null && s.items().enumValues() != null) {
      ok = s.items().enumValues().contains(v);
    } else if (s != null && s.isText()) {
      ok = s.enumValues() == null || s.enumValues().contains(v);
      ok &= s.maxLength() == null || v.length() <= s.maxLength();
      ok &= !"uuid".equals(s.format()) || v.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    }
    if (p.name().equals("from") || p.name().equals("to")) {
      Instant at;
      try {
        at = Instant.parse(v);
      } catch (RuntimeException e) {
        at = null;
      }
      ok &= at != null;
      if (at != null && (op.id().equals("getProgress") || op.id().equals("getReport"))) {
        ok &= !at.isBefore(Fixtures.EARLIEST);
      }
    }
    return Expect.refuseNaming(p.name(), null).orEither(!ok);
  }

  private Arbitrary<Case> headers(Draft valid) {
    Operation op = valid.op();
    List<Case> cases = new ArrayList<>(List.of(
        new Case("auth:none", "Authorization", "", Expect.refuse(401), valid.withAuth("")),
        new Case("auth:garbage", "Authorization", "Bearer abc", Expect.refuse(401), valid.withAuth("Bearer abc")),
        new Case("auth:basic", "Authorization", "Basic", Expect.refuse(401), valid.withAuth("Basic Zm9vOmJhcg==")),
        new Case("auth:expired", "Authorization", "", Expect.refuse(401), valid.withAuth("Bearer " + EXPIRED)),
        new Case("auth:wrong-issuer", "Authorization", "", Expect.refuse(401),
            valid.withAuth("Bearer " + WRONG_ISSUER)),
        new Case("auth:unsigned", "Authorization", "alg none", Expect.refuse(401),
            valid.withAuth("Bearer " + UNSIGNED)),
        new Case("auth:no-scope", "Authorization", "scope nothing", Expect.refuse(403),
            valid.withAuth("Bearer " + NO_SCOPE)),
        new Case("header:long", "X-Fuzz", "10 KB header, over the edge's limit", Expect.refuse(431), valid.withHeader("X-Fuzz", "x".repeat(10_000))),
        new Case("header:huge", "X-Fuzz", "64 KB header", Expect.refuseBelowQuarkus(431), valid.withHeader("X-Fuzz", "x".repeat(65_536))),
        new Case("header:control", "X-Fuzz", "BEL in a header value", Expect.refuseBelowQuarkus(400), valid.withHeader("X-Fuzz", "a\u0007b")),
        new Case("accept:xml", "Accept", "application/xml", Expect.refuse(406), valid.withHeader("Accept", "application/xml")),
        // Quarkus REST answers 404, not 405, where resource classes share a path's prefix (progress's /v1/patients/{id}/...)
        new Case("method:PATCH", null, "PATCH", Expect.refuse(405, 404), valid.withMethod("PATCH")),
        new Case("method:BREW", null, "an unknown method", Expect.refuse(405, 404, 400), valid.withMethod("BREW"))));
    for (Param p : op.in("header")) {
      if (p.name().equals("Idempotency-Key")) {
        cases.add(new Case("header:idempotency-key-long", p.name(), "201 characters", Expect.refuseNaming(p.name(), null),
            valid.withHeader(p.name(), "k".repeat(201))));
      }
      if (p.name().equals("On-Behalf-Of-Tenant")) {
        cases.add(new Case("header:on-behalf-of", p.name(), "a tenant's token names another tenant", Expect.refuse(403),
            valid.withHeader(p.name(), "fuzz-someone-else")));
      }
      if (p.name().equals("If-Match")) {
        cases.add(new Case("header:if-match-missing", p.name(), "", Expect.refuse(428), valid.withHeader(p.name(), null)));
        cases.add(new Case("header:if-match-stale", p.name(), "\"stale\"", Expect.refuse(412), valid.withHeader(p.name(), "\"stale\"")));
        cases.add(new Case("header:if-match-weak", p.name(), "W/\"x\"", Expect.refuse(412), valid.withHeader(p.name(), "W/\"x\"")));
      }
    }
    return Arbitraries.of(cases);
  }

  // ------------------------------------------------------------------ JSON trees

  private static JsonNode at(JsonNode root, List<Object> steps) {
    JsonNode node = root;
    for (Object step : steps) {
      node = step instanceof Integer i ? node.get(i) : node.get((String) step);
    }
    return node;
  }

  private static JsonNode set(JsonNode root, List<Object> steps, JsonNode value) {
    if (steps.isEmpty()) {
      return value;
    }
    JsonNode copy = root.deepCopy();
    JsonNode parent = at(copy, steps.subList(0, steps.size() - 1));
    Object last = steps.get(steps.size() - 1);
    if (parent instanceof ArrayNode array) {
      array.set((Integer) last, value);
    } else {
      ((ObjectNode) parent).set((String) last, value);
    }
    return copy;
  }

  private static JsonNode remove(JsonNode root, List<Object> steps) {
    JsonNode copy = root.deepCopy();
    ((ObjectNode) at(copy, steps.subList(0, steps.size() - 1))).remove((String) steps.get(steps.size() - 1));
    return copy;
  }

  private static List<Object> append(List<Object> steps, Object step) {
    List<Object> more = new ArrayList<>(steps);
    more.add(step);
    return more;
  }

  private static String insert(String value, String odd) {
    return value.substring(0, value.length() / 2) + odd + value.substring(value.length() / 2);
  }

  private static String jsonInner(String s) {
    String quoted = TextNode.valueOf(s).toString();
    return quoted.substring(1, quoted.length() - 1);
  }

  private static String decodeLoosely(String v) {
    try {
      return java.net.URLDecoder.decode(v, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return v;
    }
  }

  /** A value as a reader of the report can see it: control characters escaped, long values cut. */
  static String describe(String v) {
    return describe(v, 60);
  }

  static String describe(String v, int max) {
    StringBuilder out = new StringBuilder();
    v.codePoints().limit(max).forEach(c -> {
      if (c < 0x20 && c != '\n' || c == 0x7f || c >= 0xd800 && c <= 0xdfff || c == 0xfeff || c == 0x202e) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return v.length() > max ? out + "... (" + v.length() + " chars)" : out.toString();
  }
}
