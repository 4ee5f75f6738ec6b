package care.sij.common;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the errors every operation can return, so that each resource declares only its own, and
 * the bounds every service enforces at its edge ({@link HttpLimits}, {@link PlainText}); then the
 * security ({@link OAuthScopes}) and the names ({@link SchemaNames}) a generated client sees.
 * Registered with mp.openapi.filter in each service.
 */
public class ProblemResponses implements OASFilter {
  private static final String PROBLEM = "#/components/schemas/Problem";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents().addSchema("Problem", problemSchema()).addSchema("FieldError", fieldErrorSchema());
    openAPI.getComponents().addHeader(RateLimiter.STATE_HEADER, rateLimitHeader()).addHeader(RateLimiter.POLICY_HEADER, rateLimitPolicyHeader())
        .addHeader(AuditFilter.REQUEST_ID, requestIdHeader());
    openAPI.getComponents().getSchemas().values().forEach(ProblemResponses::bounded); // UUID, Instant: parameters refer to them too
    openAPI.getComponents().getSchemas().values().forEach(ProblemResponses::refOnlyInAllOf);
    requestSchemas(openAPI).forEach(schema -> {
      plainText(schema);
      bounded(schema);
      if (schema.getProperties() != null) {
        schema.getProperties().values().forEach(ProblemResponses::bounded);
      }
    });
    openAPI.addExtension("x-limits", limits());
    openAPI.setServers(List.of(OASFactory.createServer().url("/")
        .description("The service's own origin, in every environment: local (./run, plain HTTP on the loopback interface), "
            + "staging and production (behind the operator's TLS proxy, README).")
        .addExtension("x-internal", false)));
    if (openAPI.getPaths() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      boolean hasPathParameter = path.getKey().contains("{");
      for (Map.Entry<PathItem.HttpMethod, Operation> method : path.getValue().getOperations().entrySet()) {
        Operation operation = method.getValue();
        if (operation.getParameters() != null) {
          operation.getParameters().forEach(parameter -> bounded(parameter.getSchema()));
        }
        APIResponses responses = operation.getResponses();
        RateLimits.Kind kind = RateLimits.Kind.of(method.getKey().name(), path.getKey());
        operation.addExtension("x-rate-limit", kind.id());
        add(responses, "401", "No bearer token, or one that is expired, badly signed or from another issuer.");
        add(responses, "503", "Overloaded, or the database is out of reach: retry after the seconds in Retry-After "
            + "(a write with the same Idempotency-Key).");
        responses.getAPIResponse("503").addHeader("Retry-After", OASFactory.createHeader()
            .description("Seconds to wait before retrying.").schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")));
        add(responses, "429", "Over this client's rate limit for the operation's class (x-rate-limit; x-limits.rateLimits): "
            + "retry after the seconds in Retry-After.");
        responses.getAPIResponse("429").addHeader("Retry-After", OASFactory.createHeader()
            .description("Seconds until the next request of this class will be served.")
            .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")));
        add(responses, "403", "The token lacks the scope this operation requires.");
        add(responses, "414", "The request target is longer than x-limits.maxUriLength.");
        add(responses, "431", "The headers are larger than x-limits.maxHeaderSize.");
        add(responses, "500", "An unexpected failure: nothing was stored; retry later (a write with the same Idempotency-Key).");
        boolean hasInputParameters = operation.getParameters() != null && operation.getParameters().stream()
            .anyMatch(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY);
        if (operation.getRequestBody() != null || hasInputParameters) {
          add(responses, "400", "Malformed JSON, an unknown property, a wrong type or a value out of range; errors names each field.");
        } else {
          add(responses, "400", "A path value that does not match its parameter, or a control character in the request target "
              + "or a header (x-limits).");
        }
        if (operation.getRequestBody() != null) {
          add(responses, "413", "The request body is too large.");
          add(responses, "415", "The body is not application/json.");
        }
        if (hasPathParameter) {
          add(responses, "404", "Nothing with this id exists (tenant data: or it belongs to another tenant).");
        }
        boolean conditional = operation.getParameters() != null && operation.getParameters().stream()
            .anyMatch(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER
                && "If-Match".equalsIgnoreCase(p.getName()));
        if (conditional) {
          add(responses, "412", "It has changed since the ETag in If-Match: read it again and retry.");
          add(responses, "428", "If-Match is missing.");
        }
        // every error answer is a problem, those a resource declares with a description only too
        responses.getAPIResponses().forEach((status, response) -> {
          if (status.charAt(0) >= '4') {
            add(responses, status, response.getDescription());
          }
        });
        responses.getAPIResponses().values().forEach(response -> response.addHeader(AuditFilter.REQUEST_ID,
            OASFactory.createHeader().ref("#/components/headers/" + AuditFilter.REQUEST_ID)));
        // optional headers: an answer refused before the limiter counted it (401, 403, 413, 415) carries none
        responses.getAPIResponses().forEach((status, response) -> {
          if (!status.startsWith("5")) {
            response.addHeader(RateLimiter.STATE_HEADER, OASFactory.createHeader().ref("#/components/headers/" + RateLimiter.STATE_HEADER));
            response.addHeader(RateLimiter.POLICY_HEADER, OASFactory.createHeader().ref("#/components/headers/" + RateLimiter.POLICY_HEADER));
          }
        });
        pageLinks(responses);
        if (method.getKey() == PathItem.HttpMethod.POST && responses.hasAPIResponse("201") && !path.getKey().endsWith("/bulk")) {
          locations(responses);
        }
      }
    }
    OAuthScopes.apply(openAPI);
    SchemaNames.apply(openAPI);
    RequestExamples.apply(openAPI);
  }

  /** What a single create made, or found made by an earlier try with the same Idempotency-Key, is named in Location. */
  private static void locations(APIResponses responses) {
    responses.getAPIResponses().forEach((status, response) -> {
      if (status.startsWith("2") && (response.getHeaders() == null || !response.getHeaders().containsKey("Location"))) {
        response.addHeader("Location", OASFactory.createHeader().description("The URL of what was created.")
            .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri-reference")));
      }
    });
  }

  /** A page of a listing says, in a Link header, where the next one is (PageResponse). */
  private static void pageLinks(APIResponses responses) {
    var ok = responses.getAPIResponse("200");
    if (ok == null || ok.getContent() == null || (ok.getHeaders() != null && ok.getHeaders().containsKey("Link"))) {
      return;
    }
    var json = ok.getContent().getMediaType("application/json");
    if (json != null && json.getSchema() != null && json.getSchema().getRef() != null && json.getSchema().getRef().contains("/PageResponse")) {
      ok.addHeader("Link", OASFactory.createHeader()
          .description("RFC 8288 link to the next page (rel=\"next\"), when there is one: the same as nextCursor.")
          .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).examples(
              List.of("</v1/patients?cursor=MjAyNi0xMS0yMVQwODowMDowMFp8...>; rel=\"next\""))));
    }
  }

  private static org.eclipse.microprofile.openapi.models.headers.Header rateLimitHeader() {
    return OASFactory.createHeader()
        .description("What is left of this client's quota for the operation's class, and the seconds until it is whole again "
            + "(draft-ietf-httpapi-ratelimit-headers): the class's name, r (requests left) and t (seconds). On every answer the "
            + "rate limiter counted, which is every answer but those refused before it: 401, 403, 413, 415 and 5xx.")
        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).examples(List.of("\"reads\";r=199;t=1")));
  }

  private static org.eclipse.microprofile.openapi.models.headers.Header requestIdHeader() {
    return OASFactory.createHeader()
        .description("The request's id, which the audit trail records: the caller's own X-Request-Id when it sent one of 1 to 64 "
            + "letters, digits and ._:-, else a new UUID. On every answer an operation gives; not on a refusal at the edge (x-limits).")
        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).maxLength(64).pattern("^[A-Za-z0-9._:-]{1,64}$")
            .examples(List.of("3f1c2b9e-7d4a-4f5e-9a1b-2c3d4e5f6a7b")));
  }

  private static org.eclipse.microprofile.openapi.models.headers.Header rateLimitPolicyHeader() {
    return OASFactory.createHeader()
        .description("The quota of the operation's class for this client of the tenant, in each replica "
            + "(draft-ietf-httpapi-ratelimit-headers): the class's name, q (requests) and w (window in seconds).")
        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).examples(List.of("\"reads\";q=200;w=1")));
  }

  /** The schemas of request bodies, and those they refer to. */
  private static java.util.Collection<Schema> requestSchemas(OpenAPI openAPI) {
    Map<String, Schema> all = openAPI.getComponents().getSchemas() == null ? Map.of() : openAPI.getComponents().getSchemas();
    java.util.Map<String, Schema> found = new java.util.LinkedHashMap<>();
    java.util.List<Schema> next = new java.util.ArrayList<>(); // a work list that takes the nulls of absent parts
    if (openAPI.getPaths() != null) {
      openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().stream()
          .filter(o -> o.getRequestBody() != null && o.getRequestBody().getContent() != null)
          .forEach(o -> o.getRequestBody().getContent().getMediaTypes().values().forEach(m -> next.add(m.getSchema()))));
    }
    while (!next.isEmpty()) {
      Schema schema = next.remove(next.size() - 1);
      if (schema == null) {
        continue;
      }
      if (schema.getRef() != null) {
        String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
        if (all.containsKey(name) && found.putIfAbsent(name, all.get(name)) == null) {
          next.add(all.get(name));
        }
        continue;
      }
      if (schema.getProperties() != null) {
        next.addAll(schema.getProperties().values());
      }
      next.add(schema.getItems());
      if (schema.getAllOf() != null) {
        next.addAll(schema.getAllOf());
      }
    }
    return found.values();
  }

  /**
   * The edge's bounds, which hold for every operation, as an extension of the document: the document's
   * description is the service's configured one (Quarkus sets it after the filters have run).
   */
  private static Map<String, Object> limits() {
    var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
    Map<String, Object> limits = new java.util.LinkedHashMap<>();
    limits.put("description", "Refused before any operation runs, with problem+json: a request target over maxUriLength bytes (414), "
        + "headers over maxHeaderSize bytes (431), a body over maxBodyBytes (413) or from a sender without a valid bearer token (401, "
        + "before the body is read), a control character but tab, line feed and carriage return, or a lone surrogate, in any text "
        + "or query value (400 naming it), more than maxConcurrentRequests requests under way (503 with Retry-After).");
    limits.put("maxUriLength", config.getOptionalValue("sij.http.max-uri-length", Integer.class).orElse(4096));
    limits.put("maxHeaderSize", config.getOptionalValue("sij.http.max-header-size", Integer.class).orElse(8192));
    limits.put("maxBodyBytes", config.getOptionalValue("quarkus.http.limits.max-body-size", io.quarkus.runtime.configuration.MemorySize.class)
        .map(io.quarkus.runtime.configuration.MemorySize::asLongValue).orElse(1_048_576L));
    limits.put("maxConcurrentRequests", config.getOptionalValue("sij.http.max-concurrent-requests", Integer.class).orElse(64));
    limits.put("retryAfterSeconds", config.getOptionalValue("sij.http.retry-after-seconds", Integer.class).orElse(2));
    Map<String, Object> rateLimits = new java.util.LinkedHashMap<>();
    rateLimits.put("description", "Requests each client of a tenant (the token's azp, else client_id, else sub) may make in each "
        + "replica, per class of operation (each operation's x-rate-limit): capacity per periodSeconds, all of it again when a period "
        + "ends; one more gets 429 with Retry-After. Reads are GET and HEAD, bulk any path ending in /bulk, triage the POST of an "
        + "assessment, writes the rest. Answers the limiter counted carry the RateLimit and RateLimit-Policy headers.");
    for (RateLimits.Kind kind : RateLimits.Kind.values()) {
      String prefix = "sij.rate-limit." + kind.id() + ".";
      Map<String, Object> limit = new java.util.LinkedHashMap<>();
      limit.put("capacity", Long.parseLong(asDeployed(prefix + "capacity")));
      limit.put("periodSeconds", io.quarkus.runtime.configuration.DurationConverter.parseDuration(asDeployed(prefix + "period")).toSeconds());
      rateLimits.put(kind.id(), limit);
    }
    limits.put("rateLimits", rateLimits);
    return limits;
  }

  /**
   * A setting as deployed: the first configuration source that has it, without a profile's value
   * (the tests raise the rate limits out of reach under %test, which the contract must not publish).
   */
  private static String asDeployed(String name) {
    for (org.eclipse.microprofile.config.spi.ConfigSource source : org.eclipse.microprofile.config.ConfigProvider.getConfig().getConfigSources()) {
      String value = source.getValue(name);
      if (value != null) {
        return value.trim();
      }
    }
    throw new IllegalStateException(name + " is not configured");
  }

  /**
   * A free-text property says it refuses control characters. One with an enum or format of its own
   * rules them out already; one with a pattern keeps it (a schema has one), and the document's
   * x-limits states the rule for all.
   */
  private static void plainText(Schema schema) {
    if (schema.getProperties() == null) {
      return;
    }
    for (Schema property : schema.getProperties().values()) {
      Schema text = property.getType() != null && property.getType().contains(Schema.SchemaType.ARRAY) ? property.getItems() : property;
      if (text != null && text.getType() != null && text.getType().contains(Schema.SchemaType.STRING) && text.getRef() == null
          && text.getPattern() == null && text.getEnumeration() == null && text.getFormat() == null) {
        text.setPattern(PlainText.PATTERN);
      }
    }
  }

  /**
   * smallrye-openapi keeps a property's $ref beside the allOf that narrows the same schema (@Schema(allOf)),
   * and generators then drop the narrowing: the allOf alone says it.
   */
  private static void refOnlyInAllOf(Schema schema) {
    if (schema.getProperties() == null) {
      return;
    }
    for (Schema property : schema.getProperties().values()) {
      if (property.getRef() != null && property.getAllOf() != null
          && property.getAllOf().stream().anyMatch(part -> property.getRef().equals(part.getRef()))) {
        property.setRef(null);
      }
    }
  }

  /**
   * A bean-validation pattern must match the whole value, a JSON Schema pattern only somewhere in it: the
   * contract anchors it. smallrye-openapi renders @NotBlank as the unanchored \S, which means what it says.
   */
  private static void anchored(Schema schema) {
    String pattern = schema == null ? null : schema.getPattern();
    if (pattern != null && !pattern.equals("\\S") && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
      schema.setPattern("^(?:" + pattern + ")$");
    }
  }

  /**
   * What a client sends is bounded in the contract as the service bounds it: a formatted string by its
   * format's longest value, other text by the rule on control characters, whole numbers by 32 bits.
   */
  private static void bounded(Schema schema) {
    if (schema == null || schema.getRef() != null || schema.getType() == null) {
      return;
    }
    anchored(schema);
    if (schema.getType().contains(Schema.SchemaType.STRING)) {
      if (schema.getMaxLength() == null && schema.getFormat() != null && schema.getEnumeration() == null) {
        schema.setMaxLength(switch (schema.getFormat()) {
          case "uuid" -> 36;
          case "date-time" -> 40; // above the longest ISO-8601 instant, nanoseconds and offset included
          case "date" -> 10;
          default -> null;
        });
      }
      if (schema.getPattern() == null && schema.getFormat() == null && schema.getEnumeration() == null) {
        schema.setPattern(PlainText.PATTERN);
      }
    }
    if (schema.getType().contains(Schema.SchemaType.INTEGER) && schema.getFormat() == null) {
      schema.setFormat("int32");
    }
    if (schema.getType().contains(Schema.SchemaType.ARRAY)) {
      bounded(schema.getItems());
    }
  }

  private static void add(APIResponses responses, String status, String description) {
    if (responses.hasAPIResponse(status)) {
      var existing = responses.getAPIResponse(status);
      if (existing.getContent() == null || existing.getContent().getMediaTypes().isEmpty()) {
        existing.setContent(problemContent());
      }
      return;
    }
    responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(problemContent()));
  }

  private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
    return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
  }

  private static Schema problemSchema() {
    return OASFactory.createSchema()
        .type(List.of(Schema.SchemaType.OBJECT))
        .description("RFC 9457 problem details, sent as application/problem+json with every error.")
        .required(List.of("type", "title", "status"))
        .addProperty("type", text("URI naming the kind of problem.", "https://sij.care/problems/validation"))
        .addProperty("title", text("Short summary of the kind of problem.", "Invalid request"))
        .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32").minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599))
            .description("HTTP status code.").examples(List.of(400)))
        .addProperty("detail", text("What went wrong with this request.", "1 field is invalid"))
        .addProperty("instance", text("The request path.", "/v1/patients"))
        .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
            .description("For invalid input: every offending field.")
            .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
        .addProperty("traceId", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).minLength(32).maxLength(32)
            .pattern("^[0-9a-f]{32}$").description("W3C trace id of this request (as in traceparent): quote it when reporting a failure.")
            .examples(List.of("4bf92f3577b34da6a3ce929d0e0e4736")));
  }

  private static Schema fieldErrorSchema() {
    return OASFactory.createSchema()
        .type(List.of(Schema.SchemaType.OBJECT))
        .description("A field of the request that is not acceptable, and why.")
        .required(List.of("field", "message"))
        .addProperty("field", text("JSON path of the field, or the name of the query, path or header parameter.", "painIntensity"))
        .addProperty("message", text("Why the value is not acceptable.", "must be less than or equal to 10"));
  }

  private static Schema text(String description, String example) {
    return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description).examples(List.of(example));
  }
}
