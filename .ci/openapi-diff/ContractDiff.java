import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.ComposedChanged;
import org.openapitools.openapidiff.core.model.DiffResult;
import org.openapitools.openapidiff.core.model.schema.ChangedEnum;
import org.openapitools.openapidiff.core.model.schema.ChangedNullable;
import org.openapitools.openapidiff.core.model.schema.ChangedNumericRange;
import org.openapitools.openapidiff.core.model.schema.ChangedOperationId;
import org.openapitools.openapidiff.core.model.schema.ChangedRequired;
import org.openapitools.openapidiff.core.output.ConsoleRender;

/**
 * The breaking-change check behind .ci/contract-diff, on openapi-diff's library.
 *
 * <pre>
 * compare NAME OLD NEW [NAME OLD NEW ...]   exit 1 if any contract breaks without a new major info.version
 * self-test OUT_DIR CONTRACT...              known breaking and additive edits of our contracts, verdicts asserted;
 *                                            writes OUT_DIR/{additive,breaking,versioned}.yaml for the script's own test
 * self-test --raw OUT_DIR CONTRACT...        the same with openapi-diff alone on the 3.1 documents (evidence only)
 * </pre>
 * -Dcontract-diff.verbose=true makes the self-test print what it found for each edit.
 */
final class ContractDiff {

  enum Verdict { UNCHANGED, COMPATIBLE, BREAKING_VERSIONED, BREAKING }

  record Result(Verdict verdict, ChangedOpenApi diff, Breaks breaks, String oldVersion, String newVersion) {}

  /** Where the new document breaks the old one: by openapi-diff's rules, and by ours on top. */
  record Breaks(List<String> openapiDiff, List<String> policy) {
    boolean any() {
      return !openapiDiff.isEmpty() || !policy.isEmpty();
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final boolean raw;

  private ContractDiff(boolean raw) {
    this.raw = raw;
  }

  public static void main(String[] args) throws Exception {
    if (args.length >= 4 && args[0].equals("compare") && (args.length - 1) % 3 == 0) {
      System.exit(new ContractDiff(false).compareAll(args));
    }
    if (args.length >= 3 && args[0].equals("self-test")) {
      boolean raw = args[1].equals("--raw");
      int first = raw ? 2 : 1;
      List<Path> contracts = new ArrayList<>();
      for (int i = first + 1; i < args.length; i++) contracts.add(Path.of(args[i]));
      System.exit(new ContractDiff(raw).selfTest(Path.of(args[first]), contracts));
    }
    System.err.println("usage: ContractDiff compare NAME OLD NEW [NAME OLD NEW ...] | self-test [--raw] OUT_DIR CONTRACT...");
    System.exit(2);
  }

  // ---------------------------------------------------------------- compare

  private int compareAll(String[] args) throws IOException {
    int failures = 0;
    for (int i = 1; i < args.length; i += 3) {
      String name = args[i];
      Result result;
      try {
        result = compare(read(Path.of(args[i + 1])), read(Path.of(args[i + 2])));
      } catch (RuntimeException e) {
        System.out.println("ERROR " + name + ": cannot compare: " + e.getMessage());
        failures++;
        continue;
      }
      String versions = "info.version " + result.oldVersion() + " -> " + result.newVersion();
      switch (result.verdict()) {
        case UNCHANGED -> System.out.println("ok    " + name + ": no change to the API (" + versions + ")");
        case COMPATIBLE -> System.out.println("ok    " + name + ": backward compatible changes only (" + versions + "): "
            + result.diff().getNewEndpoints().size() + " operations added, "
            + result.diff().getChangedOperations().size() + " changed, "
            + result.diff().getDeprecatedEndpoints().size() + " newly deprecated");
        case BREAKING_VERSIONED -> {
          System.out.println("ok    " + name + ": " + count(result) + " breaking changes, allowed: the major version changed (" + versions + ")");
          report(result);
        }
        case BREAKING -> {
          System.out.println("FAIL  " + name + ": " + count(result) + " breaking changes without a new major version (" + versions + "):");
          report(result);
          failures++;
        }
      }
    }
    return failures == 0 ? 0 : 1;
  }

  private static String count(Result result) {
    int named = result.breaks().openapiDiff().size() + result.breaks().policy().size();
    return named == 0 ? "its" : String.valueOf(named); // none named: openapi-diff's own log follows
  }

  private static void report(Result result) throws IOException {
    result.breaks().openapiDiff().forEach(b -> System.out.println("  breaking (openapi-diff): " + b));
    result.breaks().policy().forEach(b -> System.out.println("  breaking (our policy): " + b));
    if (result.diff().isIncompatible() && result.breaks().openapiDiff().isEmpty()) {
      // openapi-diff said incompatible somewhere this walk does not name: show its own change log
      OutputStream stdout = new FilterOutputStream(System.out) {
        @Override
        public void close() throws IOException {
          flush(); // ConsoleRender closes its writer, which would close System.out
        }
      };
      new ConsoleRender().render(result.diff(), new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
      System.out.println();
    }
  }

  Result compare(JsonNode oldDoc, JsonNode newDoc) {
    OpenApiDiffOptions options = raw ? OpenApiDiffOptions.builder().build() : OpenApiDiffOptions.builder()
        .configProperty("incompatible.operation.id.changed", "true")           // generated clients name methods by it
        .configProperty("incompatible.request.min.length.increased", "true")   // shorter values than before are refused
        .configProperty("incompatible.response.numeric.range.increased", "true") // clients may check the documented range
        // security(): by credential on the wire, so that a bearer token described under another scheme is no break
        .configProperty("incompatible.security.requirements.decreased", "false")
        .configProperty("incompatible.security.requirement.schemes.increased", "false")
        .configProperty("incompatible.security.scheme.scopes.increased", "false")
        .configProperty("incompatible.security.scheme.scheme.changed", "false")
        .configProperty("incompatible.security.scheme.bearer.format.changed", "false")
        .build();
    ChangedOpenApi diff = OpenApiCompare.fromSpecifications(parse(oldDoc, "base"), parse(newDoc, "head"), options);
    Breaks breaks = breaks(diff, !raw);
    String oldVersion = oldDoc.path("info").path("version").asText("");
    String newVersion = newDoc.path("info").path("version").asText("");
    Verdict verdict;
    if (diff.isIncompatible() || breaks.any()) {
      verdict = major(oldVersion).equals(major(newVersion)) ? Verdict.BREAKING : Verdict.BREAKING_VERSIONED;
    } else {
      verdict = diff.isUnchanged() ? Verdict.UNCHANGED : Verdict.COMPATIBLE;
    }
    return new Result(verdict, diff, breaks, oldVersion, newVersion);
  }

  private static String major(String version) {
    int dot = version.indexOf('.');
    return dot < 0 ? version : version.substring(0, dot);
  }

  private OpenAPI parse(JsonNode doc, String which) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    String text;
    try {
      text = JSON.writeValueAsString(raw ? doc : asOpenApi30(doc));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SwaggerParseResult parsed = new OpenAPIParser().readContents(text, null, options);
    if (parsed.getOpenAPI() == null || (!raw && parsed.getMessages() != null && !parsed.getMessages().isEmpty())) {
      throw new IllegalArgumentException("the " + which + " document does not parse as OpenAPI 3.0 after the 3.1 mapping: "
          + parsed.getMessages() + " (teach ContractDiff.asOpenApi30 the new 3.1 construct)");
    }
    return parsed.getOpenAPI();
  }

  // ---------------------------------------------------------------- 3.1 as 3.0

  /**
   * openapi-diff compares schemas by their 3.0 type and model class, which swagger-parser leaves empty and
   * uniform for 3.1 documents, so type changes and changes inside array items went unseen: compare the
   * 3.0 rendering of each document instead. Constructs 3.0 cannot say stop the check rather than vanish.
   */
  static JsonNode asOpenApi30(JsonNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.put("openapi", "3.0.3");
    copy.remove(List.of("jsonSchemaDialect", "webhooks"));
    if (copy.path("info") instanceof ObjectNode info) {
      info.remove("summary");
      if (info.path("license") instanceof ObjectNode license) license.remove("identifier");
    }
    walk(copy, "");
    return copy;
  }

  private static void walk(JsonNode node, String where) {
    if (node instanceof ObjectNode object) {
      boolean schemas = where.endsWith("/components/schemas");
      for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String at = where + "/" + field.getKey();
        if (schemas || field.getKey().equals("schema")) {
          schema(field.getValue(), at);
        } else {
          walk(field.getValue(), at);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) walk(array.get(i), where + "/" + i);
    }
  }

  private static void schema(JsonNode node, String where) {
    if (!(node instanceof ObjectNode s)) return;
    if (s.has("$ref")) {
      // 3.0 ignores a reference's siblings: drop those that only describe, and keep the others as 3.1 means them,
      // the reference and its siblings both holding (allOf)
      boolean describes = true;
      for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        describes &= Set.of("$ref", "description", "title", "examples", "example", "deprecated").contains(key)
            || key.equals("type") && !s.get(key).toString().contains("\"null\"");
      }
      if (describes) {
        s.retain("$ref");
        return;
      }
      ObjectNode reference = NODES.objectNode().set("$ref", s.remove("$ref"));
      ArrayNode allOf = s.has("allOf") ? (ArrayNode) s.get("allOf") : s.putArray("allOf");
      boolean listed = false;
      for (JsonNode part : allOf) listed |= part.equals(reference);
      if (!listed) allOf.insert(0, reference);
    }
    for (String unsupported : List.of("prefixItems", "patternProperties", "if", "then", "else", "dependentSchemas",
        "dependentRequired", "unevaluatedProperties", "unevaluatedItems", "contains", "$defs", "$dynamicRef")) {
      if (s.has(unsupported)) throw new IllegalArgumentException(where + " uses " + unsupported + ", which OpenAPI 3.0 cannot say");
    }
    JsonNode type = s.get("type");
    if (type instanceof ArrayNode types) {
      List<String> named = new ArrayList<>();
      types.forEach(t -> named.add(t.asText()));
      if (named.remove("null")) s.put("nullable", true);
      if (named.size() == 1) s.put("type", named.get(0));
      else if (named.isEmpty()) s.remove("type");
      else throw new IllegalArgumentException(where + " has types " + named + ", which OpenAPI 3.0 cannot say");
    }
    if (s.get("examples") instanceof ArrayNode examples) {
      s.remove("examples");
      if (!examples.isEmpty()) s.set("example", examples.get(0));
    }
    if (s.has("const")) s.set("enum", NODES.arrayNode().add(s.remove("const")));
    for (String bound : List.of("Minimum", "Maximum")) {
      JsonNode exclusive = s.get("exclusive" + bound);
      if (exclusive != null && exclusive.isNumber()) {
        s.set(bound.toLowerCase(), exclusive);
        s.put("exclusive" + bound, true);
      }
    }
    if (s.get("properties") instanceof ObjectNode properties) {
      properties.properties().forEach(p -> schema(p.getValue(), where + "/properties/" + p.getKey()));
    }
    for (String one : List.of("items", "additionalProperties", "not")) schema(s.get(one), where + "/" + one);
    for (String many : List.of("allOf", "anyOf", "oneOf")) {
      if (s.get(many) instanceof ArrayNode parts) {
        for (int i = 0; i < parts.size(); i++) schema(parts.get(i), where + "/" + many + "/" + i);
      }
    }
  }

  // ---------------------------------------------------------------- where it breaks

  /**
   * Names each place openapi-diff finds incompatible, and adds our own rules: openapi-diff lets a response drop
   * a property its schema does not list as required, lets a request drop any, and counts nullability changes as
   * compatible, while our responses list few properties as required and our services refuse unknown ones.
   */
  private static Breaks breaks(ChangedOpenApi diff, boolean policy) {
    Walk walk = new Walk(policy);
    diff.getMissingEndpoints().forEach(e -> walk.openapiDiff.add(e.getMethod() + " " + e.getPathUrl() + ": operation removed"));
    for (ChangedOperation operation : diff.getChangedOperations()) {
      walk.visit(operation, operation.getHttpMethod() + " " + operation.getPathUrl());
    }
    if (policy) security(diff.getOldSpecOpenApi(), diff.getNewSpecOpenApi(), walk.policy);
    return new Breaks(new ArrayList<>(walk.openapiDiff), new ArrayList<>(walk.policy));
  }

  /**
   * A caller must keep its access. Compared by what goes on the wire, since openapi-diff compares scopes only
   * under oauth2 and calls the same bearer token under another scheme type or name a dropped requirement.
   */
  private static void security(OpenAPI before, OpenAPI after, Set<String> found) {
    if (before.getPaths() == null || after.getPaths() == null) return;
    before.getPaths().forEach((path, oldItem) -> {
      PathItem newItem = after.getPaths().get(path);
      if (newItem == null) return;
      oldItem.readOperationsMap().forEach((method, oldOperation) -> {
        Operation newOperation = newItem.readOperationsMap().get(method);
        if (newOperation == null) return;
        List<Map<String, Set<String>>> was = alternatives(before, oldOperation.getSecurity());
        List<Map<String, Set<String>>> is = alternatives(after, newOperation.getSecurity());
        for (Map<String, Set<String>> caller : was) {
          if (is.stream().noneMatch(needed -> needed.entrySet().stream().allMatch(
              wire -> caller.containsKey(wire.getKey()) && caller.get(wire.getKey()).containsAll(wire.getValue())))) {
            found.add(method + " " + path + ": a caller with " + show(caller) + " is no longer allowed; it now needs "
                + is.stream().map(ContractDiff::show).collect(Collectors.joining(" or ")));
          }
        }
      });
    });
  }

  /** Each way to call the operation, as credential on the wire and the scopes it must carry; none: anyone may call. */
  private static List<Map<String, Set<String>>> alternatives(OpenAPI doc, List<SecurityRequirement> own) {
    List<SecurityRequirement> requirements = own != null ? own : doc.getSecurity();
    if (requirements == null || requirements.isEmpty()) return List.of(Map.of());
    List<Map<String, Set<String>>> alternatives = new ArrayList<>();
    for (SecurityRequirement requirement : requirements) {
      Map<String, Set<String>> wire = new TreeMap<>();
      requirement.forEach((scheme, scopes) -> wire.computeIfAbsent(credential(doc, scheme), k -> new TreeSet<>()).addAll(scopes));
      alternatives.add(wire);
    }
    return alternatives;
  }

  private static String credential(OpenAPI doc, String scheme) {
    SecurityScheme s = doc.getComponents() == null || doc.getComponents().getSecuritySchemes() == null
        ? null : doc.getComponents().getSecuritySchemes().get(scheme);
    if (s == null || s.getType() == null) return "scheme " + scheme;
    return switch (s.getType()) {
      case OAUTH2, OPENIDCONNECT -> "bearer token";
      case HTTP -> "bearer".equalsIgnoreCase(s.getScheme()) ? "bearer token" : "http " + String.valueOf(s.getScheme()).toLowerCase();
      case APIKEY -> "api key " + s.getName() + " in " + s.getIn();
      case MUTUALTLS -> "client certificate";
    };
  }

  private static String show(Map<String, Set<String>> alternative) {
    return alternative.isEmpty() ? "no credentials" : alternative.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" and "));
  }

  private static final class Walk {
    final Set<String> openapiDiff = new LinkedHashSet<>();
    final Set<String> policy = new LinkedHashSet<>();
    private final boolean withPolicy;
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    Walk(boolean withPolicy) {
      this.withPolicy = withPolicy;
    }

    void visit(Changed changed, String where) {
      if (changed == null || !seen.add(changed)) return;
      DiffResult own = changed instanceof ComposedChanged composed ? composed.isCoreChanged() : changed.isChanged();
      if (own.isIncompatible()) openapiDiff.add(where + ": " + describe(changed));
      if (changed instanceof ChangedSchema schema) {
        if (withPolicy) policy(schema, where);
        schema.getChangedProperties().forEach((name, property) -> visit(property, where + "." + name));
        visit(schema.getItems(), where + "[]");
        visit(schema.getAddProp(), where + "{}");
        visitElements(schema, where);
      } else if (changed instanceof ChangedOperation operation) {
        visit(operation.getRequestBody(), where + " request");
        visitElements(operation, where);
      } else if (changed instanceof ChangedParameters parameters) {
        parameters.getChanged().forEach(p -> visit(p, where + " parameter " + p.getName() + " (" + p.getIn() + ")"));
      } else if (changed instanceof ChangedApiResponse responses) {
        responses.getChanged().forEach((status, r) -> visit(r, where + " " + status));
      } else if (changed instanceof ChangedHeaders headers) {
        headers.getChanged().forEach((name, h) -> visit(h, where + " header " + name));
      } else if (changed instanceof ChangedContent content) {
        content.getChanged().forEach((type, media) -> visit(media, where + " " + type));
      } else if (changed instanceof ComposedChanged composed) {
        visitElements(composed, where);
      }
    }

    private void visitElements(ComposedChanged composed, String where) {
      for (Changed element : composed.getChangedElements()) visit(element, where); // visited ones are skipped
    }

    private void policy(ChangedSchema schema, String where) {
      boolean response = schema.getContext() != null && schema.getContext().isResponse();
      boolean request = schema.getContext() != null && schema.getContext().isRequest();
      if (response && !schema.getMissingProperties().isEmpty()) {
        policy.add(where + ": response property removed: " + String.join(", ", schema.getMissingProperties().keySet()));
      }
      if (request && !schema.getMissingProperties().isEmpty()) { // our services refuse properties they do not know
        policy.add(where + ": request property removed, now refused: " + String.join(", ", schema.getMissingProperties().keySet()));
      }
      ChangedNullable nullable = schema.getNullable();
      if (nullable != null) {
        boolean before = Boolean.TRUE.equals(nullable.getLeft());
        boolean after = Boolean.TRUE.equals(nullable.getRight());
        if (response && !before && after) policy.add(where + ": a response value may now be null");
        if (request && before && !after) policy.add(where + ": a request value may no longer be null");
      }
    }

    private static String describe(Changed changed) {
      if (changed instanceof ChangedSchema s) {
        if (s.isChangedType()) return "type " + typeOf(s.getOldSchema()) + " -> " + typeOf(s.getNewSchema());
        if (!s.getMissingProperties().isEmpty()) {
          return "required response property removed: " + String.join(", ", s.getMissingProperties().keySet());
        }
        if (s.isDiscriminatorPropertyChanged()) return "discriminator changed";
      } else if (changed instanceof ChangedEnum<?> e) {
        return e.getContext().isRequest() ? "enum values no longer accepted: " + e.getMissing()
            : "enum values new in a response: " + e.getIncreased();
      } else if (changed instanceof ChangedRequired r) {
        return "newly required: " + r.getIncreased();
      } else if (changed instanceof ChangedParameters p) {
        return (p.getMissing().isEmpty() ? "" : "parameters removed: " + names(p.getMissing()) + " ")
            + (p.getIncreased().isEmpty() ? "" : "parameters added: " + names(p.getIncreased()));
      } else if (changed instanceof ChangedParameter) {
        return "now required, or its style, explode or allowEmptyValue changed";
      } else if (changed instanceof ChangedApiResponse r) {
        return "responses removed: " + r.getMissing().keySet();
      } else if (changed instanceof ChangedContent c) {
        return "media types removed: " + c.getMissing().keySet();
      } else if (changed instanceof ChangedHeaders h) {
        return "response headers removed: " + h.getMissing().keySet();
      } else if (changed instanceof ChangedRequestBody) {
        return "request body now required";
      } else if (changed instanceof ChangedNumericRange r) {
        return "range " + range(r.getOldMinimumValue(), r.getOldMinimumExclusiveValue(), r.getOldMaximumValue(), r.getOldMaximumExclusiveValue())
            + " -> " + range(r.getNewMinimumValue(), r.getNewMinimumExclusiveValue(), r.getNewMaximumValue(), r.getNewMaximumExclusiveValue());
      } else if (changed instanceof ChangedOperationId id) {
        return "operationId " + id.getLeft() + " -> " + id.getRight();
      }
      return values(changed);
    }

    private static String range(Object min, Boolean minExclusive, Object max, Boolean maxExclusive) {
      return (Boolean.TRUE.equals(minExclusive) ? "(" : "[") + (min == null ? "" : min) + ", "
          + (max == null ? "" : max) + (Boolean.TRUE.equals(maxExclusive) ? ")" : "]");
    }

    /** The other leaves (maxLength, pattern, numeric range...) as "name old -> new", read off their getters. */
    private static String values(Changed changed) {
      String kind = changed.getClass().getSimpleName().replaceFirst("^Changed", "");
      kind = Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
      for (String[] getters : new String[][] {{"getOldValue", "getNewValue"}, {"getLeft", "getRight"}, {"getOldPattern", "getNewPattern"}}) {
        try {
          Object before = changed.getClass().getMethod(getters[0]).invoke(changed);
          Object after = changed.getClass().getMethod(getters[1]).invoke(changed);
          return kind + " " + before + " -> " + after;
        } catch (ReflectiveOperationException absent) {
          // not this kind of leaf
        }
      }
      String printed = changed.toString();
      return printed.contains("(") ? printed.replaceAll(",? ?context=[^,)]*", "").replaceAll("\\s+", " ") : kind + " changed";
    }

    private static String typeOf(Schema<?> schema) {
      if (schema == null) return "none";
      return schema.getType() + (schema.getFormat() == null ? "" : "/" + schema.getFormat());
    }

    private static String names(List<Parameter> parameters) {
      return parameters.stream().map(p -> p.getName() + " (" + p.getIn() + ")").toList().toString();
    }
  }

  // ---------------------------------------------------------------- self-test

  record Case(String name, Verdict expected, Predicate<ObjectNode> edit) {}

  private int selfTest(Path outDir, List<Path> contracts) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    for (Path contract : contracts) docs.add(read(contract));
    int passed = 0;
    int failed = 0;
    for (Case c : cases()) {
      StringBuilder seen = new StringBuilder();
      boolean applied = false;
      boolean ok = true;
      for (int i = 0; i < docs.size(); i++) {
        ObjectNode edited = docs.get(i).deepCopy();
        if (!c.edit().test(edited)) continue;
        applied = true;
        String verdict;
        try {
          Result result = compare(docs.get(i), edited);
          verdict = result.verdict().name();
          if (Boolean.getBoolean("contract-diff.verbose")) report(result);
        } catch (RuntimeException e) {
          verdict = "ERROR(" + e.getMessage() + ")";
        }
        ok &= verdict.equals(c.expected().name());
        seen.append(' ').append(contracts.get(i).getFileName()).append('=').append(verdict);
      }
      if (applied && ok) {
        passed++;
        System.out.println("ok    " + c.name() + ": " + c.expected() + seen);
      } else {
        failed++;
        System.out.println("FAIL  " + c.name() + ": expected " + c.expected() + (applied ? ", got" + seen : ", but no contract has a place for this edit"));
      }
    }
    Files.createDirectories(outDir);
    ObjectNode additive = docs.get(0).deepCopy();
    ObjectNode breaking = docs.get(0).deepCopy();
    if (!(addOperation(additive) && addResponseProperty(additive) && removeOperation(breaking))) {
      throw new IllegalStateException("cannot build the script's fixtures from " + contracts.get(0));
    }
    ObjectNode versioned = breaking.deepCopy();
    ((ObjectNode) versioned.get("info")).put("version", bumpMajor(versioned.path("info").path("version").asText()));
    YAML.writeValue(outDir.resolve("additive.yaml").toFile(), additive);
    YAML.writeValue(outDir.resolve("breaking.yaml").toFile(), breaking);
    YAML.writeValue(outDir.resolve("versioned.yaml").toFile(), versioned);
    System.out.println("self-test: " + passed + " passed, " + failed + " failed");
    return failed == 0 ? 0 : 1;
  }

  private static List<Case> cases() {
    Verdict b = Verdict.BREAKING;
    Verdict c = Verdict.COMPATIBLE;
    return List.of(
        new Case("unchanged contract", Verdict.UNCHANGED, doc -> true),
        new Case("operation removed", b, ContractDiff::removeOperation),
        new Case("operation removed, minor version raised", b, doc -> removeOperation(doc) && setVersion(doc, minorBump(doc))),
        new Case("operation removed, major version raised", Verdict.BREAKING_VERSIONED,
            doc -> removeOperation(doc) && setVersion(doc, bumpMajor(doc.path("info").path("version").asText()))),
        new Case("operationId renamed", b, doc -> applied(firstOperation(doc).put("operationId", "selfTestRenamed"))),
        new Case("success response removed", b, ContractDiff::removeSuccessResponse),
        new Case("request media type replaced", b, ContractDiff::replaceRequestMediaType),
        new Case("response property removed", b, doc -> onResponseProperty(doc, p -> true, (s, name) -> remove(s, name))),
        new Case("response property type changed", b, doc -> onResponseProperty(doc, ContractDiff::plainString,
            (s, name) -> applied(property(s, name).put("type", "integer")))),
        new Case("response property made nullable", b, doc -> onResponseProperty(doc, ContractDiff::plainString,
            (s, name) -> applied(property(s, name).set("type", NODES.arrayNode().add("string").add("null"))))),
        new Case("response enum widened", b, doc -> onResponseProperty(doc, p -> enumOf(doc, p) != null,
            (s, name) -> inlineEnum(doc, s, name, values -> values.add("self_test_value")))),
        new Case("request property removed", b, doc -> onRequestProperty(doc, (s, name) -> true, ContractDiff::remove)),
        new Case("required request property added", b, doc -> onRequestSchema(doc, s -> {
          property(s, null).set("selfTestAdded", NODES.objectNode().put("type", "string"));
          required(s).add("selfTestAdded");
          return true;
        })),
        new Case("optional request property made required", b, doc -> onRequestProperty(doc,
            (s, name) -> !isRequired(s, name), (s, name) -> applied(required(s).add(name)))),
        new Case("request property required beside its $ref", b, doc -> onRequestProperty(doc,
            (s, name) -> property(s, name).has("$ref") && optionalBehind(doc, property(s, name)) != null,
            (s, name) -> applied(required(property(s, name)).add(optionalBehind(doc, property(s, name)))))),
        new Case("request enum narrowed", b, doc -> onRequestProperty(doc, (s, name) -> enumOf(doc, property(s, name)) != null,
            (s, name) -> inlineEnum(doc, s, name, values -> values.remove(values.size() - 1)))),
        new Case("request enum in array items narrowed", b, doc -> onRequestProperty(doc,
            (s, name) -> enumOf(doc, property(s, name).path("items")) != null,
            (s, name) -> inlineItemsEnum(doc, property(s, name), values -> values.remove(values.size() - 1)))),
        new Case("request maxLength lowered", b, doc -> onRequestProperty(doc,
            (s, name) -> property(s, name).path("maxLength").asInt(0) > 1,
            (s, name) -> applied(property(s, name).put("maxLength", property(s, name).get("maxLength").asInt() / 2)))),
        new Case("request maximum lowered", b, doc -> onRequestProperty(doc,
            (s, name) -> property(s, name).path("maximum").isNumber()
                && property(s, name).path("maximum").asLong() > property(s, name).path("minimum").asLong(Long.MIN_VALUE),
            (s, name) -> applied(property(s, name).put("maximum", property(s, name).get("maximum").asLong() - 1)))),
        new Case("optional query parameter made required", b, doc -> onParameter(doc,
            p -> p.path("in").asText().equals("query") && !p.path("required").asBoolean(false),
            p -> applied(p.put("required", true)))),
        new Case("required header parameter added", b, doc -> {
          ObjectNode op = firstOperation(doc);
          if (!op.has("parameters")) op.set("parameters", NODES.arrayNode());
          ((ArrayNode) op.get("parameters")).add(NODES.objectNode().put("in", "header").put("name", "X-Self-Test")
              .put("required", true).set("schema", NODES.objectNode().put("type", "string")));
          return true;
        }),
        new Case("scope added to an operation", b, doc -> {
          for (JsonNode requirement : firstOperation(doc).path("security")) {
            for (JsonNode scopes : requirement) return applied(((ArrayNode) scopes).add("self-test:extra"));
          }
          return false;
        }),
        new Case("scope no longer enough, the operation needs another", b, doc -> {
          for (JsonNode requirement : firstOperation(doc).path("security")) {
            for (JsonNode scopes : requirement) {
              ((ArrayNode) scopes).removeAll();
              return applied(((ArrayNode) scopes).add("self-test:other"));
            }
          }
          return false;
        }),
        new Case("response header removed", b, doc -> {
          for (ObjectNode op : operations(doc)) {
            for (JsonNode response : op.path("responses")) {
              if (response.path("headers") instanceof ObjectNode headers && headers.size() > 0) {
                return headers.remove(headers.fieldNames().next()) != null;
              }
            }
          }
          return false;
        }),
        new Case("bearer token's scheme described the other way (http bearer, oauth2 client credentials)", Verdict.COMPATIBLE,
            ContractDiff::bearerDescribedTheOtherWay),
        new Case("operation added", c, ContractDiff::addOperation),
        new Case("optional response property added", c, ContractDiff::addResponseProperty),
        new Case("optional request property added", c, doc -> onRequestSchema(doc,
            s -> applied(property(s, null).set("selfTestAdded", NODES.objectNode().put("type", "string"))))),
        new Case("required request property made optional", c, doc -> onRequestProperty(doc,
            ContractDiff::isRequired, (s, name) -> removeRequired(s, name))),
        new Case("request enum widened", c, doc -> onRequestProperty(doc, (s, name) -> enumOf(doc, property(s, name)) != null,
            (s, name) -> inlineEnum(doc, s, name, values -> values.add("self_test_value")))),
        new Case("request maxLength raised", c, doc -> onRequestProperty(doc,
            (s, name) -> property(s, name).path("maxLength").asInt(0) > 1,
            (s, name) -> applied(property(s, name).put("maxLength", property(s, name).get("maxLength").asInt() * 2)))),
        new Case("optional query parameter added", c, doc -> {
          ObjectNode op = firstOperation(doc);
          if (!op.has("parameters")) op.set("parameters", NODES.arrayNode());
          ((ArrayNode) op.get("parameters")).add(NODES.objectNode().put("in", "query").put("name", "selfTest")
              .set("schema", NODES.objectNode().put("type", "string")));
          return true;
        }));
  }

  // ---------------------------------------------------------------- edits of a contract, found generically

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private static List<ObjectNode> operations(JsonNode doc) {
    List<ObjectNode> ops = new ArrayList<>();
    doc.path("paths").forEach(item -> METHODS.forEach(m -> {
      if (item.get(m) instanceof ObjectNode op) ops.add(op);
    }));
    return ops;
  }

  private static ObjectNode firstOperation(JsonNode doc) {
    return operations(doc).get(0);
  }

  private static boolean removeOperation(ObjectNode doc) {
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").properties().iterator(); it.hasNext(); ) {
      ObjectNode item = (ObjectNode) it.next().getValue();
      for (String m : METHODS) {
        if (item.has(m)) {
          item.remove(m);
          if (METHODS.stream().noneMatch(item::has)) it.remove();
          return true;
        }
      }
    }
    return false;
  }

  private static boolean addOperation(ObjectNode doc) {
    ObjectNode ok = NODES.objectNode().put("description", "OK");
    ok.putObject("content").putObject("application/json").putObject("schema").put("type", "string");
    ObjectNode get = NODES.objectNode().put("operationId", "selfTestAdded");
    get.putObject("responses").set("200", ok);
    ((ObjectNode) doc.get("paths")).putObject("/v1/self-test").set("get", get);
    return true;
  }

  private static boolean addResponseProperty(ObjectNode doc) {
    return onResponseProperty(doc, p -> true,
        (s, name) -> applied(property(s, null).set("selfTestAdded", NODES.objectNode().put("type", "string"))));
  }

  private static boolean removeSuccessResponse(ObjectNode doc) {
    for (ObjectNode op : operations(doc)) {
      for (Iterator<String> it = op.path("responses").fieldNames(); it.hasNext(); ) {
        if (it.next().startsWith("2")) {
          it.remove();
          return true;
        }
      }
    }
    return false;
  }

  private static boolean replaceRequestMediaType(ObjectNode doc) {
    for (ObjectNode op : operations(doc)) {
      if (op.path("requestBody").path("content") instanceof ObjectNode content && content.has("application/json")) {
        content.set("application/x-self-test", content.remove("application/json"));
        return true;
      }
    }
    return false;
  }

  /** Describes each http bearer scheme as oauth2 client credentials with every scope the operations name. */
  private static boolean bearerDescribedTheOtherWay(ObjectNode doc) {
    ObjectNode schemes = (ObjectNode) doc.path("components").path("securitySchemes");
    ObjectNode scopes = NODES.objectNode();
    operations(doc).forEach(op -> op.path("security").forEach(r -> r.forEach(list -> list.forEach(
        scope -> scopes.put(scope.asText(), "Scope " + scope.asText())))));
    boolean changed = false;
    for (Map.Entry<String, JsonNode> scheme : schemes.properties()) {
      if (scheme.getValue().path("scheme").asText().equalsIgnoreCase("bearer")) {
        ObjectNode oauth2 = NODES.objectNode().put("type", "oauth2");
        oauth2.putObject("flows").putObject("clientCredentials").put("tokenUrl", "https://issuer.invalid/token").set("scopes", scopes);
        scheme.setValue(oauth2);
        changed = true;
      } else if (scheme.getValue().path("type").asText().equals("oauth2")) {
        scheme.setValue(NODES.objectNode().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"));
        changed = true;
      }
    }
    return changed;
  }

  /** Marks an edit made in place: the case applies to this contract. */
  private static boolean applied(Object edited) {
    return true;
  }

  private static boolean setVersion(ObjectNode doc, String version) {
    ((ObjectNode) doc.get("info")).put("version", version);
    return true;
  }

  private static String minorBump(JsonNode doc) {
    return doc.path("info").path("version").asText() + ".1";
  }

  private static String bumpMajor(String version) {
    String major = major(version);
    String rest = version.substring(major.length());
    return (major.matches("\\d+") ? String.valueOf(Integer.parseInt(major) + 1) : major + "-next") + rest;
  }

  /** The component behind a request body or a 200 answer, when it is an object with properties. */
  private static List<ObjectNode> bodySchemas(JsonNode doc, boolean request) {
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode op : operations(doc)) {
      JsonNode holder = request ? op.path("requestBody") : op.path("responses").path("200");
      JsonNode schema = holder.path("content").path("application/json").path("schema");
      JsonNode resolved = resolve(doc, schema);
      if (resolved instanceof ObjectNode s && s.path("properties").size() > 0 && !found.contains(s)) found.add(s);
    }
    return found;
  }

  private static boolean onRequestSchema(ObjectNode doc, Predicate<ObjectNode> edit) {
    List<ObjectNode> schemas = bodySchemas(doc, true);
    return !schemas.isEmpty() && edit.test(schemas.get(0));
  }

  interface PropertyTest { boolean test(ObjectNode schema, String name); }

  private static boolean onRequestProperty(ObjectNode doc, PropertyTest where, PropertyTest edit) {
    return onProperty(bodySchemas(doc, true), where, edit);
  }

  private static boolean onResponseProperty(ObjectNode doc, Predicate<JsonNode> where, PropertyTest edit) {
    return onProperty(bodySchemas(doc, false), (s, name) -> where.test(property(s, name)), edit);
  }

  private static boolean onProperty(List<ObjectNode> schemas, PropertyTest where, PropertyTest edit) {
    for (ObjectNode s : schemas) {
      for (Iterator<String> it = s.get("properties").fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (where.test(s, name)) return edit.test(s, name);
      }
    }
    return false;
  }

  private static boolean onParameter(ObjectNode doc, Predicate<ObjectNode> where, Predicate<ObjectNode> edit) {
    for (ObjectNode op : operations(doc)) {
      for (JsonNode p : op.path("parameters")) {
        if (p instanceof ObjectNode parameter && !parameter.has("$ref") && where.test(parameter)) return edit.test(parameter);
      }
    }
    return false;
  }

  private static ObjectNode property(ObjectNode schema, String name) {
    ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
    return name == null ? properties : (ObjectNode) properties.get(name);
  }

  private static ArrayNode required(ObjectNode schema) {
    return schema.has("required") ? (ArrayNode) schema.get("required") : schema.putArray("required");
  }

  private static boolean isRequired(ObjectNode schema, String name) {
    for (JsonNode r : schema.path("required")) if (r.asText().equals(name)) return true;
    return false;
  }

  private static boolean removeRequired(ObjectNode schema, String name) {
    ArrayNode required = required(schema);
    for (int i = 0; i < required.size(); i++) {
      if (required.get(i).asText().equals(name)) {
        required.remove(i);
        return true;
      }
    }
    return false;
  }

  private static boolean remove(ObjectNode schema, String name) {
    removeRequired(schema, name);
    return property(schema, null).remove(name) != null;
  }

  /** A property of the object a reference points to that neither the object nor the referring place requires. */
  private static String optionalBehind(JsonNode doc, ObjectNode referring) {
    JsonNode target = resolve(doc, referring);
    for (Iterator<String> it = target.path("properties").fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!isRequired((ObjectNode) target, name) && !isRequired(referring, name)) return name;
    }
    return null;
  }

  private static boolean plainString(JsonNode property) {
    return property.path("type").asText().equals("string") && !property.has("$ref") && !property.has("format")
        && !property.has("enum");
  }

  private static JsonNode resolve(JsonNode doc, JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (!ref.startsWith("#/")) return schema;
    JsonNode target = doc;
    for (String part : ref.substring(2).split("/")) target = target.path(part);
    return target;
  }

  private static ArrayNode enumOf(JsonNode doc, JsonNode schema) {
    JsonNode values = resolve(doc, schema).path("enum");
    return values instanceof ArrayNode array && array.size() > 1 ? array : null;
  }

  /** Replaces the property by an inline copy of its enum, edited, so that only this one place changes. */
  private static boolean inlineEnum(JsonNode doc, ObjectNode schema, String name, Consumer<List<String>> edit) {
    property(schema, null).set(name, editedEnum(doc, property(schema, name), edit));
    return true;
  }

  private static boolean inlineItemsEnum(JsonNode doc, ObjectNode array, Consumer<List<String>> edit) {
    array.set("items", editedEnum(doc, array.get("items"), edit));
    return true;
  }

  private static ObjectNode editedEnum(JsonNode doc, JsonNode schema, Consumer<List<String>> edit) {
    List<String> values = new ArrayList<>();
    enumOf(doc, schema).forEach(v -> values.add(v.asText()));
    edit.accept(values);
    ObjectNode inline = NODES.objectNode().put("type", "string");
    ArrayNode array = inline.putArray("enum");
    values.forEach(v -> array.add(TextNode.valueOf(v)));
    return inline;
  }

  // ---------------------------------------------------------------- io

  private static JsonNode read(Path file) throws IOException {
    return YAML.readTree(file.toFile());
  }
}
