package care.sij.progress.api;

import care.sij.progress.domain.ExerciseSession;
import care.sij.progress.domain.Sessions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An exercise session: what was done from the catalog and how the pain responded.")
public record SessionRequest(
    @NotNull @Schema(description = "When the session took place. From 2000-01-01T00:00:00Z up to now; a clock up to 5 minutes ahead is allowed.", example = "2026-11-21T18:00:00Z", required = true)
    Instant at,
    @Size(max = 100) @Pattern(regexp = "[a-z0-9-]{1,100}", message = "must be a catalog routine id")
    @Schema(description = "The catalog routine followed, if any.", example = "stability-routine") String routineId,
    @NotNull @Size(min = 1, max = 50) @Schema(description = "The exercises done, in order.", required = true)
    List<@NotNull @Valid ExerciseDone> exercises,
    @Min(0) @Max(10) @Schema(description = "Pain before the session, 0-10.", example = "3") Integer painBefore,
    @Min(0) @Max(10) @Schema(description = "Pain after the session, 0-10.", example = "2") Integer painAfter,
    @Min(0) @Max(10) @Schema(description = "Perceived effort, 0-10.", example = "5") Integer effort,
    @Size(max = 1000) @Schema(description = "Free text, up to 1000 characters.") String note) {

  @Schema(name = "ExerciseDoneRequest", description = "One exercise done.")
  public record ExerciseDone(
      @NotNull @Size(max = 100) @Pattern(regexp = "[a-z0-9-]{1,100}", message = "must be a catalog exercise id")
      @Schema(description = "Catalog exercise id.", example = "glute-bridge", required = true) String exerciseId,
      @Schema(description = "Side done.", example = "both") Values.ExerciseSide side,
      @Min(1) @Max(20) @Schema(example = "2") Integer sets,
      @Min(1) @Max(200) @Schema(example = "10") Integer reps,
      @Min(0) @Max(600) @Schema(example = "3") Integer holdSeconds,
      @Min(0) @Max(10) @Schema(description = "Pain during this exercise, 0-10.", example = "3") Integer painDuring) {}

  Sessions.NewSession toDomain() {
    return new Sessions.NewSession(at, routineId, exercises.stream().map(e -> new ExerciseSession.ExerciseDone(e.exerciseId(),
        Values.name(e.side()), e.sets(), e.reps(), e.holdSeconds(), e.painDuring())).toList(), painBefore, painAfter, effort, note);
  }

  /** The catalog is asked about each distinct exercise of a request: a bound on the work one request can cause. */
  static final int MAX_DISTINCT_EXERCISES = 100;

  @Schema(name = "SessionBulkRequest", description = "Up to 500 sessions, stored all together or not at all, naming at most 100 distinct exercises.")
  public record Bulk(@NotNull @Size(min = 1, max = 500) @Schema(required = true) List<@NotNull @Valid SessionRequest> items) {}
}
