package care.sij.adversarial.fuzz;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operations of the three committed contracts, read with swagger-parser, with their schemas made concrete. */
final class Contracts {
  static final List<String> SERVICES = List.of("catalog", "triage", "progress");

  private Contracts() {}

  static List<Operation> load(Path root) {
    List<Operation> operations = new ArrayList<>();
    for (String service : SERVICES) {
      Path file = root.resolve("contracts/" + service + "-service.yaml");
      OpenAPI api = new OpenAPIV3Parser().read(file.toString());
      if (api == null) {
        throw new IllegalStateException("swagger-parser cannot read " + file);
      }
      Shapes shapes = new Shapes(api.getComponents().getSchemas());
      api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
        List<Param> params = new ArrayList<>();
        for (Parameter p : op.getParameters() == null ? List.<Parameter>of() : op.getParameters()) {
          params.add(new Param(p.getName(), p.getIn(), Boolean.TRUE.equals(p.getRequired()), shapes.of(p.getSchema())));
        }
        Shape body = null;
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null
            && op.getRequestBody().getContent().get("application/json") != null) {
          body = shapes.of(op.getRequestBody().getContent().get("application/json").getSchema());
        }
        List<String> scopes = new ArrayList<>(); // any one of them lets the call in
        (op.getSecurity() == null ? List.<io.swagger.v3.oas.models.security.SecurityRequirement>of() : op.getSecurity())
            .forEach(requirement -> requirement.values().forEach(scopes::addAll));
        operations.add(new Operation(service, method.name(), path, op.getOperationId(), List.copyOf(params), body,
            Set.copyOf(op.getResponses().keySet()), List.copyOf(scopes)));
      }));
    }
    return List.copyOf(operations);
  }

  /** One operation of a contract. */
  record Operation(String service, String method, String path, String id, List<Param> params, Shape body, Set<String> responses,
      List<String> scopes) {
    List<Param> in(String where) {
      return params.stream().filter(p -> p.in().equals(where)).toList();
    }

    boolean writes() {
      return !method.equals("GET");
    }

    boolean documents(int status) {
      return responses.contains(Integer.toString(status));
    }
  }

  record Param(String name, String in, boolean required, Shape shape) {}

  /** A schema with its $ref followed and its siblings laid over it (OpenAPI 3.1), as the generator and oracle read it. */
  record Shape(String type, String format, List<String> enumValues, BigDecimal minimum, BigDecimal maximum,
      Integer minLength, Integer maxLength, Integer minItems, Integer maxItems, String pattern, List<Object> examples,
      Map<String, Shape> properties, Set<String> required, Shape items) {

    boolean isText() {
      return "string".equals(type);
    }

    boolean isInteger() {
      return "integer".equals(type);
    }

    /** Free text: a string any characters may be in, where only the control-character rule can refuse a value. */
    boolean isFreeText() {
      return isText() && enumValues == null && format == null && (pattern == null || pattern.equals("\\S"));
    }

    Shape over(Shape base) {
      return new Shape(or(type, base.type), or(format, base.format), or(enumValues, base.enumValues), or(minimum, base.minimum),
          or(maximum, base.maximum), or(minLength, base.minLength), or(maxLength, base.maxLength), or(minItems, base.minItems),
          or(maxItems, base.maxItems), or(pattern, base.pattern), or(examples, base.examples),
          properties.isEmpty() ? base.properties : properties, required.isEmpty() ? base.required : required, or(items, base.items));
    }

    private static <T> T or(T own, T inherited) {
      return own != null ? own : inherited;
    }
  }

  private static final class Shapes {
    private final Map<String, Schema> components;

    Shapes(Map<String, Schema> components) {
      this.components = components;
    }

    Shape of(Schema<?> s) {
      return of(s, 0);
    }

    private Shape of(Schema<?> s, int depth) {
      if (s == null || depth > 12) {
        return null;
      }
      Map<String, Shape> properties = new LinkedHashMap<>();
      if (s.getProperties() != null) {
        s.getProperties().forEach((name, p) -> properties.put(name, of(p, depth + 1)));
      }
      List<Object> examples = s.getExamples() != null ? new ArrayList<>(s.getExamples())
          : s.getExample() != null ? List.of(s.getExample()) : null;
      Shape own = new Shape(type(s), s.getFormat(), s.getEnum() == null ? null : s.getEnum().stream().map(String::valueOf).toList(),
          s.getMinimum(), s.getMaximum(), s.getMinLength(), s.getMaxLength(), s.getMinItems(), s.getMaxItems(), s.getPattern(),
          examples, properties, s.getRequired() == null ? Set.of() : new LinkedHashSet<>(s.getRequired()), of(s.getItems(), depth + 1));
      if (s.get$ref() == null) {
        Shape merged = own; // an allOf narrows the schemas it names, as a $ref with siblings did
        for (Schema<?> part : s.getAllOf() == null ? List.<Schema>of() : s.getAllOf()) {
          merged = merged.over(of(part, depth + 1));
        }
        return merged;
      }
      String name = s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
      return own.over(of(components.get(name), depth + 1));
    }

    private static String type(Schema<?> s) {
      if (s.getType() != null) {
        return s.getType();
      }
      return s.getTypes() == null ? null : s.getTypes().stream().filter(t -> !t.equals("null")).findFirst().orElse(null);
    }
  }
}
