package care.sij.common;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Names a generated client can use: a page of AlertResponse is AlertPage, not PageResponseAlertResponse
 * (smallrye-openapi names an instance of a generic record after the type and its argument).
 */
final class SchemaNames {
  private static final Pattern PAGE = Pattern.compile("PageResponse(\\w+?)(Response|Result)?");
  private static final String PREFIX = "#/components/schemas/";

  private SchemaNames() {}

  static void apply(OpenAPI openAPI) {
    Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
    if (schemas == null) {
      return;
    }
    Map<String, String> renamed = new LinkedHashMap<>();
    for (String name : schemas.keySet()) {
      Matcher page = PAGE.matcher(name);
      if (page.matches()) {
        renamed.put(name, page.group(1) + "Page");
      }
    }
    if (renamed.isEmpty()) {
      return;
    }
    Map<String, Schema> all = new LinkedHashMap<>();
    schemas.forEach((name, schema) -> {
      String to = renamed.getOrDefault(name, name);
      if (all.containsKey(to) || !to.equals(name) && schemas.containsKey(to)) {
        throw new IllegalStateException("two schemas would be named " + to);
      }
      all.put(to, schema);
    });
    openAPI.getComponents().setSchemas(all);
    List<Schema> roots = new ArrayList<>(all.values());
    if (openAPI.getPaths() != null) {
      openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
        if (operation.getParameters() != null) {
          operation.getParameters().forEach(p -> roots.add(p.getSchema()));
        }
        if (operation.getRequestBody() != null) {
          schemasOf(operation.getRequestBody().getContent(), roots);
        }
        if (operation.getResponses() != null) {
          operation.getResponses().getAPIResponses().values().forEach(response -> {
            schemasOf(response.getContent(), roots);
            if (response.getHeaders() != null) {
              response.getHeaders().values().forEach(h -> roots.add(h.getSchema()));
            }
          });
        }
      }));
    }
    Set<Schema> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    while (!roots.isEmpty()) {
      Schema schema = roots.remove(roots.size() - 1);
      if (schema == null || !seen.add(schema)) {
        continue;
      }
      if (schema.getRef() != null && schema.getRef().startsWith(PREFIX)) {
        String to = renamed.get(schema.getRef().substring(PREFIX.length()));
        if (to != null) {
          schema.setRef(PREFIX + to);
        }
      }
      if (schema.getProperties() != null) {
        roots.addAll(schema.getProperties().values());
      }
      roots.add(schema.getItems());
      roots.add(schema.getAdditionalPropertiesSchema());
      roots.add(schema.getNot());
      for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
        if (list != null) {
          roots.addAll(list);
        }
      }
    }
  }

  private static void schemasOf(Content content, List<Schema> into) {
    if (content != null && content.getMediaTypes() != null) {
      content.getMediaTypes().values().forEach(m -> into.add(m.getSchema()));
    }
  }
}
