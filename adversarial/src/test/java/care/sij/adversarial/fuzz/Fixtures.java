package care.sij.adversarial.fuzz;

import care.sij.adversarial.fuzz.Contracts.Operation;
import care.sij.adversarial.fuzz.Draft.Part;
import care.sij.adversarial.fuzz.Wire.Header;
import care.sij.adversarial.fuzz.Wire.Reply;
import care.sij.adversarial.fuzz.Wire.Request;
import care.sij.testsupport.DevTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The real things an operation's requests point at, made through the API for one run of one operation:
 * a fresh tenant, its patient and alert, a triage assessment, catalog ids read from the catalog, and
 * exercises and routines of the fuzzer's own for curator writes. Also binds a draft's late tokens.
 */
final class Fixtures {
  static final String UNIQUE = "<unique>";
  static final String ETAG = "<etag>";
  static final String FRESH = "<fresh>";
  /** Pain entries and sessions may not be dated before this (the services' rule). */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

  /** Ids read once from the catalog: what valid requests may name. */
  record Catalog(List<String> exercises, List<String> routines, List<String> sources, List<String> topics) {}

  /** A rendered request and the id a readback should look at. */
  record Bound(Request request, String probeId) {}

  final String tenant;
  final String token;
  private final Wire wire;
  private final Catalog catalog;
  private final Map<String, String> etags = new HashMap<>();
  private String patientId;
  private String alertId;
  private String assessmentId;
  private String rulesetVersion;
  private String ownExercise;
  private String ownRoutine;

  /** Whether generated bodies get what the services require beyond the contract, so that a mutation's refusal is its own. */
  private boolean beyondContract;

  private Fixtures(Wire wire, Catalog catalog, String tenant) {
    this.wire = wire;
    this.catalog = catalog;
    this.tenant = tenant;
    this.token = DevTokens.forTenant(tenant, DevTokens.ALL_SCOPES);
  }

  static Catalog readCatalog(Wire wire) {
    Fixtures reader = new Fixtures(wire, null, "fuzz-catalog-reader");
    return new Catalog(ids(reader.getJson("catalog", "/v1/exercises?size=100").path("items")),
        ids(reader.getJson("catalog", "/v1/routines")), ids(reader.getJson("catalog", "/v1/sources")),
        ids(reader.getJson("catalog", "/v1/topics?size=100").path("items")));
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    (list.isArray() ? list : list.path("items")).forEach(n -> ids.add(n.path("id").asText()));
    if (ids.isEmpty()) {
      throw new IllegalStateException("the catalog lists nothing to build fixtures from: " + list);
    }
    return List.copyOf(ids);
  }

  /** The fixtures one run of one operation needs, made now. */
  static Fixtures forRun(Wire wire, Catalog catalog, Operation op, String tenant, boolean beyondContract) {
    // the shared catalog is changed only by the curators' tenant
    Fixtures fx = new Fixtures(wire, catalog, op.service().equals("catalog") && op.writes() ? DevTokens.CURATOR_TENANT : tenant);
    fx.beyondContract = beyondContract;
    switch (op.service()) {
      case "progress" -> {
        fx.patientId = fx.createPatient();
        if (op.path().startsWith("/v1/alerts")) {
          fx.alertId = fx.raiseAlert();
        }
      }
      case "triage" -> {
        fx.assessmentId = fx.postJson("triage", "/v1/assessments", "{\"painIntensity\":3,\"patientRef\":\"fz-fixture\"}")
            .path("id").asText();
        fx.rulesetVersion = fx.getJson("triage", "/v1/questionnaire").path("rulesetVersion").asText();
      }
      default -> {
        if (op.id().equals("replaceExercise")) {
          fx.ownExercise = fx.createExercise();
        } else if (op.id().equals("replaceRoutine")) {
          fx.ownRoutine = fx.createRoutine();
        }
      }
    }
    return fx;
  }

  String patientId() {
    return patientId;
  }

  String alertId() {
    return alertId;
  }

  // ------------------------------------------------------------------ what valid values may be

  /** Values a body field must take from the fixtures (ids that must exist, unique ids, dates in the allowed window). */
  Optional<Arbitrary<JsonNode>> bodyPool(Operation op, String path) {
    String leaf = path.substring(path.lastIndexOf('.') + 1);
    return switch (leaf) {
      case "id" -> path.equals("id") ? Optional.of(Arbitraries.just(TextNode.valueOf(switch (op.id()) {
        case "replaceExercise" -> ownExercise;
        case "replaceRoutine" -> ownRoutine;
        default -> UNIQUE;
      }))) : Optional.empty();
      case "ref" -> Optional.of(Arbitraries.just(TextNode.valueOf(UNIQUE)));
      case "sources[]" -> Optional.of(texts(catalog.sources()));
      case "progressions[]", "regressions[]", "exercise", "exerciseId" -> Optional.of(texts(catalog.exercises()));
      case "routineId" -> Optional.of(texts(catalog.routines()));
      case "at" -> Optional.of(instants().map(i -> (JsonNode) TextNode.valueOf(i.toString())));
      // what a caution or contraindication rests on is sources or our own reason, one of the two: beyond the schema
      case "cautions[]" -> Optional.of(Arbitraries.<JsonNode>of(
          JSON.createObjectNode().put("id", "fuzz-sourced").put("text", "Mind this.").set("sources", sourced()),
          JSON.createObjectNode().put("id", "fuzz-own").put("text", "Mind this.").put("ownReason", "No source says it.")));
      case "contraindications[]" -> Optional.of(Arbitraries.<JsonNode>of(
          JSON.createObjectNode().put("condition", "knee_pain").put("note", "Kneels."),
          JSON.createObjectNode().put("condition", "knee_pain").put("note", "Kneels.").set("sources", sourced()),
          JSON.createObjectNode().put("condition", "knee_pain").put("note", "Kneels.").put("ownReason", "No source says it.")));
      // pregnancy among a plan's findings must agree with pregnant, which the schema cannot say
      case "findings[]" -> Optional.of(texts(List.of("hypermobility", "recent_trauma", "acute_severe_pain", "neurological_symptoms",
          "wrist_or_shoulder_pain", "knee_pain", "balance_problems")));
      // a variant note must name another exercise than its step's, which the schema cannot say
      case "variantNotes" -> Optional.of(Arbitraries.just(JSON.createArrayNode()));
      default -> Optional.empty();
    };
  }

  Optional<Arbitrary<String>> pathPool(Operation op, String name) {
    boolean exercise = op.path().startsWith("/v1/exercises/");
    boolean routine = op.path().startsWith("/v1/routines/");
    if (exercise || routine) {
      return Optional.of(switch (op.method()) {
        case "PUT" -> Arbitraries.just(exercise ? ownExercise : ownRoutine);
        case "DELETE" -> Arbitraries.just(FRESH);
        default -> Arbitraries.of(exercise ? catalog.exercises() : catalog.routines());
      });
    }
    if (op.path().startsWith("/v1/sources/")) {
      return Optional.of(Arbitraries.of(catalog.sources()));
    }
    if (op.path().startsWith("/v1/topics/")) {
      return Optional.of(Arbitraries.of(catalog.topics()));
    }
    if (op.path().startsWith("/v1/assessments/")) {
      return Optional.of(Arbitraries.just(assessmentId));
    }
    if (op.path().startsWith("/v1/rulesets/")) {
      return Optional.of(Arbitraries.just(rulesetVersion));
    }
    if (op.path().startsWith("/v1/alerts/")) {
      return Optional.of(Arbitraries.just(alertId));
    }
    if (op.path().startsWith("/v1/patients/")) {
      return Optional.of(Arbitraries.just(op.method().equals("DELETE") ? FRESH : patientId));
    }
    return Optional.empty();
  }

  /** Query values the fixtures decide: no cursor (only the service can make one), dates in the window, a real patient. */
  Optional<Arbitrary<String>> queryPool(Operation op, String name) {
    return switch (name) {
      case "cursor" -> Optional.of(Arbitraries.just(null));
      case "from", "to" -> Optional.of(instants().map(Instant::toString));
      case "patientId" -> Optional.of(Arbitraries.just(patientId));
      default -> Optional.empty();
    };
  }

  static Arbitrary<Instant> instants() {
    long earliest = EARLIEST.getEpochSecond();
    long latest = Instant.now().minus(Duration.ofMinutes(1)).getEpochSecond();
    return Arbitraries.longs().between(earliest, latest).map(Instant::ofEpochSecond);
  }

  private ArrayNode sourced() {
    ArrayNode refs = JSON.createArrayNode();
    refs.addObject().put("id", catalog.sources().get(0)).put("locator", "A heading");
    return refs;
  }

  private static Arbitrary<JsonNode> texts(List<String> values) {
    return Arbitraries.of(values).map(TextNode::valueOf);
  }

  /**
   * Makes a generated draft obey the rules that span several fields, which a schema cannot say: a
   * range's max not under its min, a side rule for one-sided work, links not to itself nor both ways,
   * no alias twice, a skip within the routine, "none" alone among equipment, a date window in order.
   */
  Draft cohere(Draft draft) {
    JsonNode body = draft.body() == null ? null : draft.body().deepCopy();
    if (body != null) {
      cohere(body, body);
      if (beyondContract && body.get("dosage") instanceof ObjectNode dosage && !dosage.has("perSide")) {
        dosage.put("perSide", false); // optional in the contract, required by catalog-service: the valid run reports it
      }
    }
    Draft result = draft.withBody(body, draft.rawJson());
    List<Draft.Query> query = new ArrayList<>(result.query());
    if (query.stream().filter(q -> q.name().equals("equipment")).count() > 1) {
      query.removeIf(q -> q.name().equals("equipment") && q.value().text().equals("none"));
    }
    Optional<Draft.Query> from = query.stream().filter(q -> q.name().equals("from")).findFirst();
    Optional<Draft.Query> to = query.stream().filter(q -> q.name().equals("to")).findFirst();
    if (from.isPresent()) { // without to, a window ends now
      Instant f = Instant.parse(from.get().value().text());
      Instant t = to.isPresent() ? Instant.parse(to.get().value().text()) : Instant.now().minusSeconds(60);
      if (!f.isBefore(t)) {
        Instant swap = f;
        f = t.equals(f) ? t.minusSeconds(3600) : t;
        t = swap.equals(f) ? swap.plusSeconds(3600) : swap;
        f = f.isBefore(EARLIEST) ? EARLIEST : f;
      }
      if (Duration.between(f, t).toDays() > 700) {
        f = t.minus(Duration.ofDays(700));
      }
      query.removeIf(q -> q.name().equals("from") || q.name().equals("to"));
      query.add(new Draft.Query("from", Part.of(f.toString())));
      query.add(new Draft.Query("to", Part.of(t.toString())));
    }
    return result.withQuery(query);
  }

  private void cohere(JsonNode root, JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode mode = object.get("mode");
      if (mode != null && object.has("bothSore") && (mode.asText().equals("sore_side_only") || mode.asText().equals("non_sore_side"))
          && object.get("bothSore").asText().equals("as_usual")) {
        object.put("bothSore", "skip");
      }
      if (object.has("min") && object.has("max") && object.get("max").asInt() < object.get("min").asInt()) {
        JsonNode min = object.get("min");
        object.set("min", object.get("max"));
        object.set("max", min);
      }
      if (object.get("progressions") instanceof ArrayNode progressions) {
        removeIf(progressions, p -> p.asText().equals(root.path("id").asText()));
        if (object.get("regressions") instanceof ArrayNode regressions) {
          Set<String> up = new HashSet<>();
          progressions.forEach(p -> up.add(p.asText()));
          removeIf(regressions, r -> up.contains(r.asText()) || r.asText().equals(root.path("id").asText()));
        }
      }
      if (object.get("aliases") instanceof ArrayNode aliases) {
        Set<String> seen = new HashSet<>();
        removeIf(aliases, a -> !seen.add(a.asText().toLowerCase(Locale.ROOT)));
      }
      if (object.get("steps") instanceof ArrayNode steps) {
        for (int i = 0; i < steps.size(); i++) {
          if (steps.get(i) instanceof ObjectNode step && step.has("onRelief")) {
            int remaining = steps.size() - i - 1;
            if (remaining == 0) {
              step.remove("onRelief");
            } else if (step.path("onRelief").path("skipNext").asInt() > remaining) {
              ((ObjectNode) step.get("onRelief")).put("skipNext", remaining);
            }
          }
        }
      }
      object.forEach(child -> cohere(root, child));
    } else if (node instanceof ArrayNode array) {
      array.forEach(child -> cohere(root, child));
    }
  }

  private static void removeIf(ArrayNode array, java.util.function.Predicate<JsonNode> drop) {
    for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
      if (drop.test(it.next())) {
        it.remove();
      }
    }
  }

  // ------------------------------------------------------------------ binding a draft

  Bound bind(Draft d) {
    String probe = null;
    StringBuilder target = new StringBuilder();
    String template = d.op().path();
    int at = 0;
    while (template.indexOf('{', at) >= 0) {
      int open = template.indexOf('{', at);
      int close = template.indexOf('}', open);
      target.append(template, at, open);
      Part part = d.path().get(template.substring(open + 1, close));
      String value = part.text();
      if (value.equals(FRESH)) {
        value = switch (d.op().service()) {
          case "progress" -> createPatient();
          default -> d.op().path().startsWith("/v1/exercises") ? createExercise() : createRoutine();
        };
      }
      probe = value;
      target.append(part.verbatim() ? value : encode(value));
      at = close + 1;
    }
    target.append(template.substring(at));
    String separator = "?";
    for (Draft.Query q : d.query()) {
      if (q.value().text() == null) {
        continue;
      }
      target.append(separator).append(encode(q.name())).append('=')
          .append(q.value().verbatim() ? q.value().text() : encode(q.value().text()));
      separator = "&";
    }
    List<Header> headers = new ArrayList<>();
    for (Header h : d.headers()) {
      String value = switch (h.value()) {
        case ETAG -> etags.getOrDefault(probe, "\"fz-none\"");
        case UNIQUE -> unique();
        default -> h.value();
      };
      headers.add(new Header(h.name(), value));
    }
    if (d.auth() == null) {
      headers.add(new Header("Authorization", "Bearer " + token));
    } else if (!d.auth().isEmpty()) {
      headers.add(new Header("Authorization", d.auth()));
    }
    if (!headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Accept"))) {
      headers.add(new Header("Accept", "application/json"));
    }
    byte[] body = d.rawBody();
    if (body == null && d.body() != null) {
      JsonNode bound = bindUnique(d.body().deepCopy());
      if (d.op().service().equals("catalog") && d.op().method().equals("POST") && bound.path("id").isTextual()) {
        probe = bound.path("id").asText();
      }
      String text = bound.toString();
      if (d.rawJson() != null) {
        text = text.replace("\"" + Draft.RAW + "\"", d.rawJson());
      }
      body = text.getBytes(StandardCharsets.UTF_8);
    }
    if (d.contentType() != null && body != null) {
      headers.add(new Header("Content-Type", d.contentType()));
    }
    return new Bound(new Request(d.op().service(), d.method(), target.toString(), List.copyOf(headers), body), probe);
  }

  private JsonNode bindUnique(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.fieldNames().forEachRemaining(name -> {
        if (object.get(name).isTextual() && object.get(name).asText().equals(UNIQUE)) {
          object.put(name, unique());
        } else {
          bindUnique(object.get(name));
        }
      });
    } else if (node instanceof ArrayNode array) {
      array.forEach(this::bindUnique);
    }
    return node;
  }

  static String unique() {
    return "fz-" + RUN + "-" + SERIAL.incrementAndGet();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Remembers the entity tag a successful curator write handed back, so the next If-Match is current. */
  void remember(Bound bound, Reply reply) {
    if (bound.probeId() != null && reply.header("ETag") != null && reply.status() < 300) {
      etags.put(bound.probeId(), reply.header("ETag"));
    }
  }

  // ------------------------------------------------------------------ made through the API

  private String createPatient() {
    return postJson("progress", "/v1/patients", "{\"ref\":\"" + unique() + "\"}").path("id").asText();
  }

  private String raiseAlert() {
    String entry = "{\"at\":\"" + Instant.now().minusSeconds(120) + "\",\"score\":6,\"context\":\"morning\",\"redFlags\":{\"saddleNumbness\":true}}";
    postJson("progress", "/v1/patients/" + patientId + "/pain-entries", entry);
    JsonNode alerts = getJson("progress", "/v1/alerts?patientId=" + patientId).path("items");
    if (alerts.isEmpty()) {
      throw new IllegalStateException("a red-flag pain entry raised no alert for tenant " + tenant);
    }
    return alerts.get(0).path("id").asText();
  }

  private String createExercise() {
    String id = unique();
    String body = "{\"id\":\"" + id + "\",\"name\":\"Fuzz fixture " + id + "\",\"category\":\"stretch\",\"goals\":[\"flexibility\"],"
        + "\"targets\":[\"piriformis\"],\"position\":\"supine\",\"difficulty\":1,"
        + "\"laterality\":{\"mode\":\"bilateral\",\"bothSore\":\"as_usual\"},\"dosage\":{\"perSide\":false},"
        + "\"steps\":[\"Lie down.\",\"Stretch.\",\"Rest.\"],\"safety\":[\"Stop if it hurts.\"],\"sources\":[\"" + catalog.sources().get(0) + "\"]}";
    Reply reply = send("catalog", "POST", "/v1/exercises", body);
    etags.put(id, reply.header("ETag"));
    return id;
  }

  private String createRoutine() {
    String id = unique();
    String body = "{\"id\":\"" + id + "\",\"name\":\"Fuzz fixture " + id + "\",\"summary\":\"A routine of the fuzzer.\",\"pathway\":\"general\","
        + "\"sources\":[\"" + catalog.sources().get(0) + "\"],\"steps\":[{\"exercise\":\"" + catalog.exercises().get(0) + "\"}]}";
    Reply reply = send("catalog", "POST", "/v1/routines", body);
    etags.put(id, reply.header("ETag"));
    return id;
  }

  JsonNode getJson(String service, String target) {
    return parse(send(service, "GET", target, null), service + " GET " + target);
  }

  private JsonNode postJson(String service, String target, String body) {
    return parse(send(service, "POST", target, body), service + " POST " + target);
  }

  Reply send(String service, String method, String target, String body) {
    List<Header> headers = new ArrayList<>(List.of(new Header("Authorization", "Bearer " + token), new Header("Accept", "application/json")));
    if (body != null) {
      headers.add(new Header("Content-Type", "application/json"));
    }
    Reply reply = wire.send(new Request(service, method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    if (reply.status() == 503) { // overload or outage: the documented answer says to come back shortly
      sleep(Duration.ofMillis(500));
      reply = wire.send(new Request(service, method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }
    return reply;
  }

  private static JsonNode parse(Reply reply, String what) {
    if (reply.status() >= 300) {
      throw new IllegalStateException("fixture request " + what + " answered " + reply.status() + ": " + reply.text());
    }
    try {
      return JSON.readTree(reply.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("fixture request " + what + " answered no JSON: " + reply.text(), e);
    }
  }

  static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
