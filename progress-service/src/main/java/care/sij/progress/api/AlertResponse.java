package care.sij.progress.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import care.sij.common.Audited;
import care.sij.progress.domain.Alert;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Something about a patient a clinician should look at.")
public record AlertResponse(
    UUID id,
    UUID patientId,
    @Schema(description = "no_improvement, worsening, flagged_exercise or red_flag.", example = "red_flag") Alert.Type type,
    @Schema(example = "open") Alert.Status status,
    @Schema(description = "What was found, in plain language.") String detail,
    @Schema(description = "For flagged_exercise: the exercise.", example = "glute-bridge") String exerciseId,
    @Schema(description = "For red_flag: the pain entry.") UUID entryId,
    @Schema(description = "For red_flag: triage's disposition, or the most cautious one while triage could not be asked.",
        example = "emergency") String disposition,
    @Schema(description = "triage, or fallback until triage-service answers.", example = "triage") String dispositionSource,
    @Schema(description = "The triage assessment behind the disposition.") UUID triageAssessmentId,
    Instant createdAt,
    Instant updatedAt) implements Audited.Record {

  static AlertResponse of(Alert a) {
    return new AlertResponse(a.id, a.patientId, a.type, a.status, a.detail, a.exerciseId, a.entryId, a.disposition, a.dispositionSource,
        a.triageAssessmentId, a.createdAt, a.updatedAt);
  }

  @JsonIgnore
  @Override
  public String auditPatient() {
    return String.valueOf(patientId);
  }

  @JsonIgnore
  @Override
  public String auditId() {
    return String.valueOf(id);
  }
}
