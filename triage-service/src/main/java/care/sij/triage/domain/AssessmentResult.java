package care.sij.triage.domain;

import care.sij.common.Audited;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An assessment as given, stored as it is and returned the same way every time it is read. The disclaimer and
 * the education topics are not part of the clinical result: they are left out of what is stored and added to
 * every answer, so that assessments made before they existed carry them too.
 */
@Schema(description = "The disposition for a symptom report, why it was given and what to do next.",
    requiredProperties = {"id", "createdAt", "rulesetVersion", "disposition", "complete", "missingQuestions", "selfCareAllowed",
        "firedRules", "recommendedCare", "safetyNet", "summary", "disclaimer", "topics"})
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
    @Schema(description = "One plain sentence summing up the advice.") String summary,
    @Schema(description = "That this is educational information, not a diagnosis, and does not replace a clinician. Added to every "
        + "answer, whatever rule-set version made the assessment.") String disclaimer,
    @Schema(description = "Education topics relevant to this answer, served by catalog-service (GET on its /v1/topics/{id}, scope "
        + "catalog:read): those of the disposition, of the rules that fired and of the pathway, and always the disclaimer topic. "
        + "Added to every answer from the current rule set's links.") List<TopicLink> topics) implements Audited.Record {

  /** The same assessment with the education parts every answer carries. */
  public AssessmentResult withEducation(String disclaimer, List<TopicLink> topics) {
    return new AssessmentResult(id, patientRef, createdAt, rulesetVersion, disposition, complete, missingQuestions, selfCareAllowed,
        firedRules, recommendedCare, pathway, safetyNet, summary, disclaimer, topics);
  }

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

  @Schema(description = "A rule that fired.", requiredProperties = {"id", "disposition", "reason", "action", "sources"})
  public record FiredRule(
      @Schema(example = "severe-pain") String id,
      @Schema(example = "consultation") Disposition disposition,
      @Schema(description = "Why the rule matters, in plain language.") String reason,
      @Schema(description = "What to do about it.") String action,
      @Schema(description = "Where the rule's sources disagree, how it reads them: the more cautious reading wins. Absent when they "
          + "agree, and in assessments of rule set 1.") String cautiousReading,
      @Schema(description = "The articles and guidelines behind the rule.") List<SourceRef> sources) {}

  @Schema(description = "An article or guideline a rule cites.", requiredProperties = {"id", "title"})
  public record SourceRef(
      @Schema(description = "Id of the source: an article (catalog-service's /v1/sources) or a guideline.",
          example = "si-dysfunction-home-exercises") String id,
      @Schema(description = "Its title.", example = "SI Joint Dysfunction: At-Home Exercises, Stretches, and Stabilization") String title,
      @Schema(description = "Where in it a reviewer finds the statement: the section heading, or for a source without headings the "
          + "place. Absent in assessments of rule set 1.", example = "When to Seek Professional Help") String locator) {}

  @Schema(description = "An education topic, served by catalog-service.", requiredProperties = {"id", "href"})
  public record TopicLink(
      @Schema(description = "Topic id.", example = "when-to-seek-care") String id,
      @Schema(description = "Path of the topic on catalog-service, relative to its base URL.", example = "/v1/topics/when-to-seek-care")
      String href) {

    public static TopicLink of(String id) {
      return new TopicLink(id, "/v1/topics/" + id);
    }
  }

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
