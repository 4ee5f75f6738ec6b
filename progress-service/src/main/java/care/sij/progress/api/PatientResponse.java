package care.sij.progress.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import care.sij.common.Audited;
import care.sij.progress.domain.Patient;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A registered patient.")
public record PatientResponse(
    @Schema(description = "Id given by the service.", example = "6f1c2a9e-3b7d-4f5e-9a0b-1c2d3e4f5a6b") UUID id,
    @Schema(description = "The tenant's own reference.", example = "pt-00042") String ref,
    @Schema(description = "The plan, if any.") PlanResponse plan,
    @Schema(description = "When the patient was registered.", example = "2026-11-21T08:30:00Z") Instant createdAt)
    implements Audited.Record {

  static PatientResponse of(Patient p) {
    PlanResponse plan = p.planSessionsPerWeek == null ? null : new PlanResponse(p.planRoutineId, p.planSessionsPerWeek);
    return new PatientResponse(p.id, p.ref, plan, p.createdAt);
  }

  @Schema(description = "An exercise plan.")
  public record PlanResponse(
      @Schema(example = "stability-routine") String routineId,
      @Schema(example = "5") int sessionsPerWeek) {}

  @JsonIgnore
  @Override
  public String auditPatient() {
    return String.valueOf(id);
  }

  @JsonIgnore
  @Override
  public String auditId() {
    return String.valueOf(id);
  }
}
