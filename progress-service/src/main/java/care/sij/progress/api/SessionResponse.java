package care.sij.progress.api;

import care.sij.progress.domain.ExerciseSession;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A stored exercise session.")
public record SessionResponse(
    UUID id,
    UUID patientId,
    @Schema(example = "2026-11-21T18:00:00Z") Instant at,
    @Schema(example = "stability-routine") String routineId,
    List<ExerciseDone> exercises,
    @Schema(example = "3") Integer painBefore,
    @Schema(example = "2") Integer painAfter,
    @Schema(example = "5") Integer effort,
    String note,
    @Schema(description = "verified: every exercise is in the catalog; pending: the catalog could not be asked yet and will be; "
        + "unknown_exercise: the catalog did not know one later.", example = "verified") ExerciseSession.Verification verification,
    Instant createdAt) {

  static SessionResponse of(ExerciseSession s) {
    return new SessionResponse(s.id, s.patientId, s.at, s.routineId, s.exercises.stream().map(ExerciseDone::of).toList(), s.painBefore, s.painAfter, s.effort, s.note,
        s.verification, s.createdAt);
  }

  @Schema(description = "One exercise done, as stored.")
  public record ExerciseDone(
      @Schema(example = "glute-bridge") String exerciseId,
      @Schema(example = "both") Values.ExerciseSide side,
      @Schema(example = "2") Integer sets,
      @Schema(example = "10") Integer reps,
      @Schema(example = "3") Integer holdSeconds,
      @Schema(description = "Pain during this exercise, 0-10.", example = "3") Integer painDuring) {

    static ExerciseDone of(ExerciseSession.ExerciseDone done) {
      return new ExerciseDone(done.exerciseId(), done.side() == null ? null : Values.ExerciseSide.valueOf(done.side()), done.sets(), done.reps(), done.holdSeconds(), done.painDuring());
    }
  }

  @Schema(name = "SessionBulkResponse", description = "Every session of a bulk request, in the order sent.")
  public record Bulk(List<SessionResponse> items) {}
}
