package care.sij.progress.api;

import care.sij.progress.domain.Patients;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A patient to register. No names: ref is the tenant's own pseudonymous reference.")
public record PatientRequest(
    @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may hold only letters, digits and . _ : -")
    @Schema(description = "The tenant's own pseudonymous reference, unique within the tenant.", example = "pt-00042", required = true)
    String ref,
    @Valid @Schema(description = "The exercise plan the patient follows, if any.") PlanRequest plan) {

  @Schema(description = "An exercise plan: a catalog routine and how many sessions a week.")
  public record PlanRequest(
      @Size(min = 1, max = 100) @Pattern(regexp = "[a-z0-9-]+", message = "must be a catalog routine id")
      @Schema(description = "Id of a catalog routine.", example = "stability-routine") String routineId,
      @NotNull @Min(1) @Max(21)
      @Schema(description = "Target sessions per week.", example = "5", required = true) Integer sessionsPerWeek) {

    Patients.Plan toDomain() {
      return new Patients.Plan(routineId, sessionsPerWeek);
    }
  }
}
