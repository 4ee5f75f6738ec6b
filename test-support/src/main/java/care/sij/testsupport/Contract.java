package care.sij.testsupport;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.i18n.MessageSource;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A committed OpenAPI 3.1 document and what it says of one HTTP exchange: which operation the request
 * is, whether the request keeps to it, and every way the response departs from it. Schemas are
 * checked by networknt's validator in its OpenAPI 3.1 dialect (JSON Schema 2020-12: type lists,
 * siblings of $ref), which the draft-04 validators of the usual OpenAPI request validators are not.
 */
final class Contract {
  private static final Map<Path, Contract> LOADED = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MessageSource VALIDATOR_MESSAGES = validatorMessages();
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final String name;
  private final JsonNode document;
  private final String base;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final List<Route> routes;

  /** The contract in this file, read once per class loader. */
  static Contract of(Path file) {
    return LOADED.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
      try {
        return parse(f.getFileName().toString(), Files.readString(f));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static Contract parse(String name, String yaml) {
    return new Contract(name, yaml);
  }

  private Contract(String name, String yaml) {
    this.name = name;
    try {
      this.document = new YAMLMapper().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the contract " + name, e);
    }
    // an address of our own, mapped to the text: the validator resolves #/components/... within it and loads nothing
    this.base = "https://contracts.sij.care/" + name + (name.endsWith(".yaml") ? "" : ".yaml");
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .formatAssertionsEnabled(true)
        .pathType(PathType.JSON_POINTER)
        .messageSource(VALIDATOR_MESSAGES)
        .build();
    // the document's own fields are no schema keywords: known, so that loading it warns of nothing
    Dialect dialect = Dialect.builder(Dialects.getOpenApi31())
        .keywords(fieldNames(document).stream().map(NonValidationKeyword::new).toList())
        .build();
    this.registry = SchemaRegistry.withDialect(dialect,
        builder -> builder.schemas(Map.of(base, yaml)).schemaRegistryConfig(config));
    List<Route> found = new ArrayList<>();
    document.path("paths").properties().forEach(e -> found.add(Route.of(e.getKey())));
    // a literal segment is more specific than a template: /v1/rulesets/current before /v1/rulesets/{version}
    found.sort(Comparator.comparingInt(Route::templated));
    this.routes = List.copyOf(found);
    warmUp("", document);
    if (document.path("components").path("schemas").has("Problem")) {
      schema("/components/schemas/Problem").initializeValidators();
    }
  }

  /** Compiles every schema of the document once, so that no test's first exchange pays for it (timing tests notice). */
  private void warmUp(String pointer, JsonNode node) {
    if (pointer.equals("/components/schemas") || !node.isContainerNode()) {
      return;
    }
    if (pointer.endsWith("/schema") && node.isObject()) {
      schema(pointer).initializeValidators();
      return;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        warmUp(pointer + "/" + i, node.get(i));
      }
    } else {
      node.properties().forEach(e -> warmUp(pointer + "/" + escape(e.getKey()), e.getValue()));
    }
  }

  String name() {
    return name;
  }

  /** One request as sent: header names in lower case, the raw path and query as they went on the wire. */
  record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, String contentType,
      byte[] body, boolean hasCredentials) {}

  /** One response as received: header names in lower case. */
  record Response(int status, Map<String, List<String>> headers, String contentType, byte[] body) {}

  /** One way an exchange departs from the contract. */
  record Violation(String operation, int status, String pointer, String message) {
    @Override
    public String toString() {
      return operation + " -> " + status + (pointer.isEmpty() ? "" : " at " + pointer) + ": " + message;
    }
  }

  /** The outcome for one exchange: why the request breaks the contract (if it does) and every violation. */
  record Verdict(String operation, List<String> requestProblems, List<Violation> violations) {}

  private record Route(String template, List<String> segments) {
    static Route of(String template) {
      return new Route(template, List.of(template.split("/", -1)));
    }

    int templated() {
      return (int) segments.stream().filter(Route::isTemplate).count();
    }

    static boolean isTemplate(String segment) {
      return segment.startsWith("{") && segment.endsWith("}");
    }

    /** The path parameters' raw values, or null when the path is not this route's. */
    Map<String, String> match(String rawPath) {
      String[] actual = rawPath.split("/", -1);
      if (actual.length != segments.size()) {
        return null;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (int i = 0; i < actual.length; i++) {
        String expected = segments.get(i);
        if (isTemplate(expected)) {
          if (actual[i].isEmpty()) {
            return null;
          }
          parameters.put(expected.substring(1, expected.length() - 1), actual[i]);
        } else if (!expected.equals(decode(actual[i], false))) {
          return null;
        }
      }
      return parameters;
    }
  }

  private record Operation(String method, String template, JsonNode node, String pointer, Map<String, String> pathValues) {
    String label() {
      String id = node.path("operationId").asText("");
      return method.toUpperCase(Locale.ROOT) + " " + template + (id.isEmpty() ? "" : " (" + id + ")");
    }
  }

  /** A node of the document with its JSON pointer, after following a reference object. */
  private record Located(JsonNode node, String pointer) {}

  Verdict check(Request request, Response response) {
    Optional<Operation> found = operation(request.method(), request.path());
    if (found.isEmpty()) {
      String label = request.method().toUpperCase(Locale.ROOT) + " " + request.path();
      List<Violation> violations = new ArrayList<>();
      if (!isClientError(response.status())) {
        violations.add(new Violation(label, response.status(), "",
            "the contract has no such operation, yet the service answered " + response.status() + " instead of a 4xx"));
      } else {
        problemBody(label, response, violations);
      }
      return new Verdict(label, List.of("no operation " + label + " in " + name), violations);
    }
    Operation operation = found.get();
    List<String> problems = requestProblems(operation, request);
    List<Violation> violations = responseViolations(operation, request, response);
    if (!problems.isEmpty() && !isClientError(response.status())) {
      violations.add(0, new Violation(operation.label(), response.status(), "",
          "the request breaks the contract (" + String.join("; ", problems) + "), yet the service answered "
              + response.status() + " instead of a documented 4xx"));
    }
    return new Verdict(operation.label(), problems, violations);
  }

  private static boolean isClientError(int status) {
    return status >= 400 && status < 500;
  }

  private Optional<Operation> operation(String method, String rawPath) {
    String key = method.toLowerCase(Locale.ROOT);
    for (Route route : routes) {
      Map<String, String> values = route.match(rawPath);
      if (values == null) {
        continue;
      }
      JsonNode item = document.path("paths").path(route.template());
      if (item.has("$ref")) {
        Located resolved = located(item, "/paths/" + escape(route.template()));
        item = resolved.node();
      }
      // the first route whose path matches decides: another method on it is not a different operation
      if (!METHODS.contains(key) || !item.has(key)) {
        return Optional.empty();
      }
      return Optional.of(new Operation(key, route.template(), item.get(key),
          "/paths/" + escape(route.template()) + "/" + key, values));
    }
    return Optional.empty();
  }

  // ---- the request

  private List<String> requestProblems(Operation operation, Request request) {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> query;
    try {
      query = parseQuery(request.rawQuery());
    } catch (IllegalArgumentException e) {
      problems.add("the query is not well encoded: " + e.getMessage());
      query = Map.of();
    }
    for (Located parameter : parameters(operation)) {
      String in = parameter.node().path("in").asText();
      String parameterName = parameter.node().path("name").asText();
      boolean required = parameter.node().path("required").asBoolean(false);
      List<String> values = switch (in) {
        case "path" -> {
          String raw = operation.pathValues().get(parameterName);
          try {
            yield raw == null ? List.of() : List.of(decode(raw, false));
          } catch (IllegalArgumentException e) {
            problems.add("path parameter " + parameterName + " is not well encoded");
            yield null;
          }
        }
        case "query" -> query.getOrDefault(parameterName, List.of());
        case "header" -> isReservedHeader(parameterName) ? null
            : request.headers().getOrDefault(parameterName.toLowerCase(Locale.ROOT), List.of());
        default -> null; // cookies: none of ours
      };
      if (values == null) {
        continue;
      }
      if (values.isEmpty()) {
        if (required) {
          problems.add(in + " parameter " + parameterName + " is required but absent");
        }
        continue;
      }
      if (!parameter.node().has("schema")) {
        continue;
      }
      String schemaPointer = parameter.pointer() + "/schema";
      JsonNode schemaNode = parameter.node().get("schema");
      JsonNode value;
      if (types(schemaNode).contains("array")) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        JsonNode itemSchema = resolve(schemaNode).path("items");
        values.forEach(v -> items.add(coerce(itemSchema, v)));
        value = items;
      } else if (values.size() > 1) {
        problems.add(in + " parameter " + parameterName + " is given " + values.size() + " times but is not an array");
        continue;
      } else {
        value = coerce(schemaNode, values.get(0));
      }
      for (Error error : schema(schemaPointer).validate(value)) {
        problems.add(in + " parameter " + parameterName + "=" + String.join(",", values) + ": " + message(error));
      }
    }
    if (needsCredentials(operation) && !request.hasCredentials()) {
      problems.add("no credentials, while the operation's security requires them");
    }
    requestBodyProblems(operation, request, problems);
    return problems;
  }

  /** OpenAPI ignores header parameters by these names: they are described elsewhere. */
  private static boolean isReservedHeader(String name) {
    return List.of("accept", "content-type", "authorization").contains(name.toLowerCase(Locale.ROOT));
  }

  private void requestBodyProblems(Operation operation, Request request, List<String> problems) {
    boolean hasBody = request.body() != null && request.body().length > 0;
    if (!operation.node().has("requestBody")) {
      if (hasBody) {
        problems.add("a body was sent, but the operation documents none");
      }
      return;
    }
    Located body = located(operation.node().get("requestBody"), operation.pointer() + "/requestBody");
    if (!hasBody) {
      if (body.node().path("required").asBoolean(false)) {
        problems.add("the request body is required but absent");
      }
      return;
    }
    String mediaType = mediaType(request.contentType());
    Optional<String> documented = documentedMediaType(body.node().path("content"), mediaType);
    if (documented.isEmpty()) {
      problems.add("request content type " + (mediaType.isEmpty() ? "(none)" : mediaType) + " is not documented");
      return;
    }
    JsonNode media = body.node().path("content").path(documented.get());
    if (!isJson(mediaType) || !media.has("schema")) {
      return;
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(request.body());
    } catch (IOException e) {
      problems.add("the request body is not JSON");
      return;
    }
    String schemaPointer = body.pointer() + "/content/" + escape(documented.get()) + "/schema";
    for (Error error : distinct(schema(schemaPointer).validate(parsed))) {
      problems.add("request body " + location(error) + ": " + message(error));
    }
  }

  private boolean needsCredentials(Operation operation) {
    JsonNode security = operation.node().has("security") ? operation.node().get("security") : document.path("security");
    if (!security.isArray() || security.isEmpty()) {
      return false;
    }
    for (JsonNode requirement : security) {
      if (requirement.isEmpty()) {
        return false; // {} among the alternatives: anonymous access is allowed
      }
    }
    return true;
  }

  private List<Located> parameters(Operation operation) {
    Map<String, Located> byKey = new LinkedHashMap<>();
    String itemPointer = "/paths/" + escape(operation.template());
    JsonNode item = document.at(JsonPointer.compile(itemPointer));
    collect(item.path("parameters"), itemPointer + "/parameters", byKey);
    collect(operation.node().path("parameters"), operation.pointer() + "/parameters", byKey);
    return List.copyOf(byKey.values());
  }

  private void collect(JsonNode parameters, String pointer, Map<String, Located> byKey) {
    for (int i = 0; i < parameters.size(); i++) {
      Located parameter = located(parameters.get(i), pointer + "/" + i);
      String in = parameter.node().path("in").asText();
      String name = parameter.node().path("name").asText();
      // header names are case-insensitive; an operation's parameter replaces its path's of the same name
      byKey.put(in + ":" + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : name), parameter);
    }
  }

  // ---- the response

  private List<Violation> responseViolations(Operation operation, Request request, Response response) {
    List<Violation> violations = new ArrayList<>();
    String label = operation.label();
    int status = response.status();
    JsonNode responses = operation.node().path("responses");
    String key = responseKey(responses, status);
    if (key == null) {
      violations.add(new Violation(label, status, "", "status " + status + " is not documented for this operation"));
      return violations;
    }
    Located documented = located(responses.get(key), operation.pointer() + "/responses/" + escape(key));
    headerViolations(label, status, documented, response, violations);
    boolean hasBody = response.body() != null && response.body().length > 0;
    JsonNode content = documented.node().path("content");
    if (!hasBody) {
      if (!content.isEmpty() && !request.method().equalsIgnoreCase("head")) {
        violations.add(new Violation(label, status, "", "the documented body ("
            + String.join(", ", fieldNames(content)) + ") is missing"));
      }
      return violations;
    }
    String mediaType = mediaType(response.contentType());
    if (content.isEmpty()) {
      violations.add(new Violation(label, status, "", "a body (" + (mediaType.isEmpty() ? "no content type" : mediaType)
          + ") came back, but this answer documents none"));
      return violations;
    }
    Optional<String> match = documentedMediaType(content, mediaType);
    if (match.isEmpty()) {
      violations.add(new Violation(label, status, "", "content type " + (mediaType.isEmpty() ? "(none)" : mediaType)
          + " is not documented (documented: " + String.join(", ", fieldNames(content)) + ")"));
      return violations;
    }
    JsonNode media = content.path(match.get());
    if (!isJson(mediaType) || !media.has("schema")) {
      return violations;
    }
    bodyViolations(label, status, response.body(),
        documented.pointer() + "/content/" + escape(match.get()) + "/schema", violations);
    return violations;
  }

  private void bodyViolations(String label, int status, byte[] body, String schemaPointer, List<Violation> violations) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(body);
    } catch (IOException e) {
      violations.add(new Violation(label, status, "", "the body is not JSON"));
      return;
    }
    for (Error error : distinct(schema(schemaPointer).validate(parsed))) {
      violations.add(new Violation(label, status, location(error), message(error) + " (schema "
          + error.getSchemaLocation().getFragment() + ")"));
    }
  }

  /** An answer to a request for no documented operation is held to the contract's problem schema, if it has one. */
  private void problemBody(String label, Response response, List<Violation> violations) {
    boolean hasBody = response.body() != null && response.body().length > 0;
    if (hasBody && isJson(mediaType(response.contentType())) && document.path("components").path("schemas").has("Problem")) {
      bodyViolations(label, response.status(), response.body(), "/components/schemas/Problem", violations);
    }
  }

  private void headerViolations(String label, int status, Located documented, Response response, List<Violation> violations) {
    JsonNode headers = documented.node().path("headers");
    for (String headerName : fieldNames(headers)) {
      if (headerName.equalsIgnoreCase("content-type")) {
        continue;
      }
      Located header = located(headers.get(headerName), documented.pointer() + "/headers/" + escape(headerName));
      List<String> values = response.headers().getOrDefault(headerName.toLowerCase(Locale.ROOT), List.of());
      if (values.isEmpty()) {
        if (header.node().path("required").asBoolean(false)) {
          violations.add(new Violation(label, status, "", "required header " + headerName + " is missing"));
        }
        continue;
      }
      if (!header.node().has("schema")) {
        continue;
      }
      JsonNode schemaNode = header.node().get("schema");
      for (String value : values) {
        for (Error error : schema(header.pointer() + "/schema").validate(coerce(schemaNode, value))) {
          violations.add(new Violation(label, status, "", "header " + headerName + ": " + value + ": " + message(error)));
        }
      }
    }
  }

  /** The responses key that documents this status: the exact code, then its range (4XX), then default. */
  private static String responseKey(JsonNode responses, int status) {
    for (String key : List.of(String.valueOf(status), (status / 100) + "XX", (status / 100) + "xx", "default")) {
      if (responses.has(key)) {
        return key;
      }
    }
    return null;
  }

  // ---- helpers

  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(base + "#" + p)));
  }

  private Located located(JsonNode node, String pointer) {
    Set<String> seen = new HashSet<>();
    while (node.has("$ref") && node.get("$ref").asText().startsWith("#") && seen.add(node.get("$ref").asText())) {
      pointer = node.get("$ref").asText().substring(1);
      node = document.at(JsonPointer.compile(pointer));
    }
    return new Located(node, pointer);
  }

  private JsonNode resolve(JsonNode schemaNode) {
    return schemaNode.has("$ref") && !schemaNode.has("type") ? located(schemaNode, "").node() : schemaNode;
  }

  /** The JSON types a schema allows, its own and those of what it references. */
  private Set<String> types(JsonNode schemaNode) {
    Set<String> types = new HashSet<>();
    Set<String> seen = new HashSet<>();
    JsonNode node = schemaNode;
    while (node != null && !node.isMissingNode()) {
      JsonNode type = node.path("type");
      if (type.isTextual()) {
        types.add(type.asText());
      } else if (type.isArray()) {
        type.forEach(t -> types.add(t.asText()));
      }
      String ref = node.path("$ref").asText("");
      node = ref.startsWith("#") && seen.add(ref) ? document.at(JsonPointer.compile(ref.substring(1))) : null;
    }
    return types;
  }

  /** A parameter or header value as the JSON value its schema describes, when it reads as one; else a string. */
  private JsonNode coerce(JsonNode schemaNode, String value) {
    Set<String> types = types(schemaNode);
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (types.contains("integer") && value.matches("-?\\d+")) {
      return nodes.numberNode(new BigInteger(value));
    }
    if (types.contains("number") && value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
      return nodes.numberNode(new BigDecimal(value));
    }
    if (types.contains("boolean") && (value.equals("true") || value.equals("false"))) {
      return nodes.booleanNode(Boolean.parseBoolean(value));
    }
    return nodes.textNode(value);
  }

  private static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String raw, boolean plusIsSpace) {
    return URLDecoder.decode(plusIsSpace ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String escape(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** The documented media type that covers this one: itself, then type/*, then any. */
  private static Optional<String> documentedMediaType(JsonNode content, String mediaType) {
    if (mediaType.isEmpty()) {
      return Optional.empty();
    }
    for (String key : fieldNames(content)) {
      if (mediaType(key).equals(mediaType)) {
        return Optional.of(key);
      }
    }
    String range = mediaType.substring(0, Math.max(0, mediaType.indexOf('/'))) + "/*";
    for (String key : fieldNames(content)) {
      if (mediaType(key).equals(range) || key.equals("*/*")) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * One error per place and message: a property whose $ref has siblings fails both its own type and the
   * referenced schema's; the first names the property's schema, the one worth reading.
   */
  private static List<Error> distinct(List<Error> errors) {
    Map<String, Error> first = new LinkedHashMap<>();
    errors.forEach(e -> first.putIfAbsent(location(e) + "\n" + message(e), e));
    return List.copyOf(first.values());
  }

  private static String message(Error error) {
    return error.getMessage();
  }

  /**
   * The validator's messages from its own jar: wiremock-standalone carries an older validator's bundle
   * under the same name, whose messages take their arguments in another order.
   */
  private static MessageSource validatorMessages() {
    Properties messages = new Properties();
    try {
      ClassLoader loader = Schema.class.getClassLoader();
      for (URL url : Collections.list(loader.getResources("jsv-messages.properties"))) {
        if (url.toString().contains("json-schema-validator")) {
          try (InputStream in = url.openStream()) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
          }
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (messages.isEmpty()) {
      throw new IllegalStateException("the JSON Schema validator's messages are not on the class path");
    }
    return (key, fallback, locale, arguments) -> {
      String pattern = messages.getProperty(key);
      return pattern == null ? fallback.get() : new MessageFormat(pattern, Locale.ROOT).format(arguments);
    };
  }

  private static String location(Error error) {
    String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    return pointer.isEmpty() ? "/" : pointer;
  }
}
