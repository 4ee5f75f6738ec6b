package care.sij.triage.api;

import care.sij.triage.domain.RuleSets;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("triage:read")
@Tag(name = "Rule sets", description = "The escalation rules, versioned, readable by a clinician.")
public class RuleSetResource {
  private final RuleSets ruleSets;
  private final Delegation delegation;

  RuleSetResource(RuleSets ruleSets, Delegation delegation) {
    this.ruleSets = ruleSets;
    this.delegation = delegation;
  }

  @GET
  @Path("current")
  @Operation(operationId = "getCurrentRuleSet", summary = "The rule set in force",
      description = "Version, questionnaire, dispositions, every rule with its condition, reason, action, sources (each with the "
          + "locator where a reviewer finds the statement) and, where its sources disagree, its cautiousReading; the self-care "
          + "pathways, the safety-net advice and the education links.")
  @APIResponse(responseCode = "200", description = "The rule set as data.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
      schema = @Schema(description = "The rule set document, as in seeds/triage/rulesets/.", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
  public JsonNode current() {
    delegation.refuseDelegated();
    return ruleSets.current().document();
  }

  @GET
  @Path("{version}")
  @Operation(operationId = "getRuleSet", summary = "A rule set by version",
      description = "Any version that has been in force, so that an old assessment can be read with the rules that made it. "
          + "Versions published before locators, cautious readings and education links (rule set 1) have none.")
  @APIResponse(responseCode = "200", description = "The rule set as data.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
      schema = @Schema(description = "The rule set document, as in seeds/triage/rulesets/.", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
  public JsonNode byVersion(@PathParam("version") @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9._-]{1,40}") String version) {
    delegation.refuseDelegated();
    return ruleSets.document(version);
  }
}
