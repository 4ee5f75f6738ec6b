package care.sij.triage.domain;

import care.sij.common.Audited;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An assessment as given, stored as it is and returned the same way every time it is read. */
@Schema(description = "The disposition for a symptom report, why it was given and what to do next.")
public record AssessmentResult(
    @Schema(description = "Id given by the service.", example = "0b6f3c1e-2d4a-4e8f-9a7b-5c6d7e8f9a0b") UUID id,
    @Schema(description = "The tenant's own reference of the person, if given.", example = "pt-00042") String patientRef,
    @Schema(description = "When it was made.", example = "2026-11-21T08:30:00Z") Instant createdAt,
    @Schema(description = "The rule-set version that produced it.", example = "1") String rulesetVersion,
    @Schema(description = "How urgently to seek care, most urgent first: emergency_ambulance, emergency, consultation_24, "
        + "consultation, self_care.", example = "self_care") Disposition disposition,
    @Schema(description = "False when questions that could change the disposition are unanswered.", example = "true") boolean complete,
    @Schema(description = "Unanswered questions that could change the disposition, in asking order.", example = "[]")
    List<String> missingQuestions,
    @Schema(description = "Whether self-care at home is advised.", example = "true") boolean selfCareAllowed,
    @Schema(description = "The rules that fired, most urgent first.") List<FiredRule> firedRules,
    @Schema(description = "Who to see and how soon.") Care recommendedCare,
    @Schema(description = "The self-care pathway, present only when self-care is advised.") PathwayAdvice pathway,
    @Schema(description = "What should make the person seek care.") List<String> safetyNet,
    @Schema(description = "One plain sentence summing up the advice.") String summary) implements Audited.Record {

  @JsonIgnore
  @Override
  public String auditPatient() {
    return patientRef;
  }

  @JsonIgnore
  @Override
  public String auditId() {
    return String.valueOf(id);
  }

  @Schema(description = "A rule that fired.")
  public record FiredRule(
      @Schema(example = "severe-pain") String id,
      @Schema(example = "consultation") Disposition disposition,
      @Schema(description = "Why the rule matters, in plain language.") String reason,
      @Schema(description = "What to do about it.") String action,
      @Schema(description = "The articles and guidelines behind the rule.") List<RuleSet.SourceRef> sources) {}

  @Schema(description = "Who to see and how soon.")
  public record Care(
      @Schema(example = "Book a physical therapist or physician") String label,
      @Schema(example = "A physical therapist, or your physician") String who,
      @Schema(example = "Within the next few days to two weeks") String when,
      @Schema(description = "The concrete next step.") String action) {}

  @Schema(description = "The self-care pathway and the suggested catalog routine.")
  public record PathwayAdvice(
      @Schema(description = "mobility (stiffness) or stability (instability, pregnancy).", example = "mobility") String id,
      @Schema(description = "Why this pathway.") String reason,
      @Schema(description = "Id of the suggested catalog routine.", example = "mobility-routine") String routineId,
      @Schema(description = "The routine as catalog-service describes it; absent when it could not be reached.") Routine routine,
      @Schema(description = "available, not_found (the catalog does not know it) or unavailable (catalog-service did not answer in time).",
          example = "available") String routineStatus) {}

  @Schema(description = "A catalog routine, as catalog-service describes it.")
  public record Routine(
      @Schema(example = "Gentle mobility routine") String name,
      @Schema(description = "What the routine is for.") String summary) {}
}
