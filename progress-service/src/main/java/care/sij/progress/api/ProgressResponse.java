package care.sij.progress.api;

import care.sij.progress.domain.Progress;
import care.sij.progress.domain.ProgressCalculator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A patient's progress over a window. Averages are of 0-10 scores, rounded to 2 decimals; days are UTC days.")
public record ProgressResponse(
    UUID patientId,
    @Schema(example = "pt-00042") String patientRef,
    @Schema(description = "Start of the window: the from parameter, else the first record.") Instant from,
    @Schema(description = "End of the window: the to parameter, else now.") Instant to,
    @Schema(description = "Pain entries in the window.", example = "42") int entries,
    @Schema(description = "Exercise sessions in the window.", example = "30") int sessions,
    @Schema(description = "Average of the first 7 days of entries in the window.") ProgressCalculator.Average baseline,
    @Schema(description = "Average of the last 7 days up to the end of the window.") ProgressCalculator.Average latest,
    @Schema(description = "Latest minus baseline; clinically meaningful at 2 points or 30% of baseline.") ProgressCalculator.Change change,
    @Schema(description = "The line a meaningful improvement must reach: baseline less 2 points or 30%, whichever is smaller.",
        example = "4.5") BigDecimal meaningfulImprovementLine,
    @Schema(description = "Sessions against the plan, week by week from the start of the window; absent without a plan.")
    ProgressCalculator.Adherence adherence,
    @Schema(description = "Consecutive days with a session up to the end of the window.", example = "4") int streakDays,
    @Schema(description = "Exercises during which pain rose by 2 points or more, with the sessions that show it.")
    List<ProgressCalculator.FlaggedExercise> flaggedExercises,
    @Schema(description = "The patient's open alerts.") List<AlertResponse> openAlerts) {

  static ProgressResponse of(Progress.View view) {
    var s = view.summary();
    BigDecimal line = s.baseline() == null ? null
        : BigDecimal.valueOf(ProgressCalculator.meaningfulImprovementLine(s.baseline().value().doubleValue()))
            .setScale(2, java.math.RoundingMode.HALF_UP);
    return new ProgressResponse(view.patient().id, view.patient().ref, s.from(), s.to(), s.entries(), s.sessions(), s.baseline(),
        s.latest(), s.change(), line, s.adherence(), s.streakDays(), s.flaggedExercises(),
        view.openAlerts().stream().map(AlertResponse::of).toList());
  }

  @Schema(description = "The progress figures for a clinician, with the day-by-day series behind the pain chart.")
  public record Report(
      @Schema(description = "When the report was made.") Instant generatedAt,
      ProgressResponse progress,
      @Schema(description = "One row per UTC day of the window.") List<ProgressCalculator.Day> days) {}
}
