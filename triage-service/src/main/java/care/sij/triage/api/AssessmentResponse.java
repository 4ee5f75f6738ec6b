package care.sij.triage.api;

import care.sij.triage.domain.Assessment;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A stored assessment.")
public record AssessmentResponse(
    @Schema(description = "Id given by the service.", example = "0b6f3c1e-2d4a-4e8f-9a7b-5c6d7e8f9a0b") UUID id,
    @Schema(description = "The tenant's own reference of the person, if given.", example = "pt-00042") String patientRef,
    @Schema(description = "When it was made.", example = "2026-11-21T08:30:00Z") Instant createdAt,
    @Schema(description = "The rule-set version that produced it.", example = "1") String rulesetVersion,
    @Schema(description = "The disposition given.", example = "self_care") String disposition) {

  static AssessmentResponse of(Assessment a) {
    return new AssessmentResponse(a.id, a.patientRef, a.createdAt, a.rulesetVersion, a.disposition);
  }
}
