package care.sij.triage.api;

import care.sij.triage.domain.RuleSets;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/questionnaire")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Questionnaire", description = "The questions to ask, from the same data as the rules.")
public class QuestionnaireResource {
  private final RuleSets ruleSets;
  private final Delegation delegation;

  QuestionnaireResource(RuleSets ruleSets, Delegation delegation) {
    this.ruleSets = ruleSets;
    this.delegation = delegation;
  }

  @Schema(description = "The symptom questionnaire of one rule-set version.")
  public record Questionnaire(
      @Schema(example = "1") String rulesetVersion,
      @Schema(description = "In asking order.") List<QuestionItem> questions) {}

  @Schema(description = "One question; its id is the symptom report's property.")
  public record QuestionItem(
      @Schema(example = "legWeakness") String id,
      @Schema(description = "1 for the first question to ask.", example = "3") int position,
      @Schema(description = "The question in plain language.") String text,
      @Schema(description = "boolean, integer, enum or enumSet (several of the values).", example = "enum") String type,
      @Schema(description = "Allowed values of enum and enumSet questions; for enums from least to most severe.",
          example = "[\"none\", \"stable\", \"progressive\"]") List<String> values,
      @Schema(description = "Smallest allowed integer.", example = "0") Integer min,
      @Schema(description = "Largest allowed integer.", example = "10") Integer max,
      @Schema(description = "A red-flag question: left unanswered, self-care is never advised.", example = "true") boolean redFlag,
      @Schema(description = "Ask only when this condition on earlier answers holds (same form as "
          + "rule conditions); absent: always ask.", example = "{\"field\": \"feverOrChills\", \"is\": true}") JsonNode askIf) {}

  @GET
  @RolesAllowed({"triage:assess", "triage:read"})
  @Operation(operationId = "getQuestionnaire", summary = "The questionnaire to render",
      description = "The questions of the current rule set in asking order, with their text, answer type, allowed values, "
          + "whether each is a red-flag question and when to ask it.")
  public Questionnaire get() {
    delegation.refuseDelegated();
    var ruleSet = ruleSets.current();
    List<QuestionItem> items = new ArrayList<>();
    int position = 1;
    for (JsonNode q : ruleSet.document().path("questions")) {
      List<String> values = new ArrayList<>();
      q.path("values").forEach(v -> values.add(v.asText()));
      items.add(new QuestionItem(q.path("id").asText(), position++, q.path("text").asText(), q.path("type").asText(),
          values.isEmpty() ? null : values, q.has("min") ? q.get("min").asInt() : null, q.has("max") ? q.get("max").asInt() : null,
          q.path("redFlag").asBoolean(false), q.has("askIf") ? q.get("askIf") : null));
    }
    return new Questionnaire(ruleSet.version(), items);
  }
}
