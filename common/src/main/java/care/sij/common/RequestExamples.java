package care.sij.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * An example for every request body, made of the examples of its properties, so that it cannot drift
 * from the records they are declared on (Spectral checks it against the schema). A required property
 * without an example fails the build: add one where the record declares it.
 */
final class RequestExamples {
  private static final String PREFIX = "#/components/schemas/";
  private static final int MAX_DEPTH = 20; // a guard against schemas that refer to themselves

  private RequestExamples() {}

  static void apply(OpenAPI openAPI) {
    if (openAPI.getPaths() == null) {
      return;
    }
    Map<String, Schema> schemas = openAPI.getComponents().getSchemas() == null ? Map.of() : openAPI.getComponents().getSchemas();
    List<String> missing = new java.util.ArrayList<>();
    openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
      if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
        return;
      }
      for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
        if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
          media.setExample(example(media.getSchema(), schemas, method + " " + path, 0, missing));
        }
      }
    }));
    if (!missing.isEmpty()) {
      throw new IllegalStateException("request bodies need examples for their required properties: " + String.join(", ", missing));
    }
  }

  private static Object example(Schema schema, Map<String, Schema> schemas, String where, int depth, List<String> missing) {
    if (schema == null || depth > MAX_DEPTH) {
      return null;
    }
    if (schema.getExample() != null) { // smallrye-openapi keeps an annotation's example here
      return schema.getExample();
    }
    if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
      return schema.getExamples().get(0);
    }
    if (schema.getDefaultValue() != null) {
      return schema.getDefaultValue();
    }
    if (schema.getRef() != null && schema.getRef().startsWith(PREFIX)) {
      return example(schemas.get(schema.getRef().substring(PREFIX.length())), schemas, where, depth + 1, missing);
    }
    if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
      return schema.getEnumeration().get(0);
    }
    if (schema.getAllOf() != null) {
      for (Schema part : schema.getAllOf()) {
        Object example = example(part, schemas, where, depth + 1, missing);
        if (example != null) {
          return example;
        }
      }
    }
    List<Schema.SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
    if (types.contains(Schema.SchemaType.ARRAY)) {
      Object item = example(schema.getItems(), schemas, where, depth + 1, missing);
      return item == null ? null : List.of(item);
    }
    if (types.contains(Schema.SchemaType.OBJECT) || schema.getProperties() != null) {
      Map<String, Object> example = new LinkedHashMap<>();
      List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
      if (schema.getProperties() != null) {
        schema.getProperties().forEach((name, property) -> {
          Object value = example(property, schemas, where, depth + 1, missing);
          if (value != null) {
            example.put(name, value);
          } else if (required.contains(name)) {
            missing.add(where + " " + name);
          }
        });
      }
      return example.isEmpty() ? null : example;
    }
    return null;
  }
}
