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
 * Documents the errors every operation can return, so that each resource declares only its own.
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
    if (openAPI.getPaths() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      boolean hasPathParameter = path.getKey().contains("{");
      for (Operation operation : path.getValue().getOperations().values()) {
        APIResponses responses = operation.getResponses();
        add(responses, "401", "No bearer token, or one that is expired, badly signed or from another issuer.");
        add(responses, "403", "The token lacks the scope this operation requires.");
        boolean hasInputParameters = operation.getParameters() != null && operation.getParameters().stream()
            .anyMatch(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY);
        if (operation.getRequestBody() != null || hasInputParameters) {
          add(responses, "400", "Malformed JSON, an unknown property, a wrong type or a value out of range; errors names each field.");
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
      }
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
        .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
            .description("HTTP status code.").examples(List.of(400)))
        .addProperty("detail", text("What went wrong with this request.", "1 field is invalid"))
        .addProperty("instance", text("The request path.", "/v1/patients"))
        .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
            .description("For invalid input: every offending field.")
            .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")));
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
