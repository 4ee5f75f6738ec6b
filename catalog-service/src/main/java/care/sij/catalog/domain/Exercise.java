package care.sij.catalog.domain;

import static care.sij.catalog.domain.CatalogRules.DIFFICULTY_MAX;
import static care.sij.catalog.domain.CatalogRules.DIFFICULTY_MIN;
import static care.sij.catalog.domain.CatalogRules.ID_MAX;
import static care.sij.catalog.domain.CatalogRules.ID_PATTERN;
import static care.sij.catalog.domain.CatalogRules.LIST_MAX;
import static care.sij.catalog.domain.CatalogRules.NAME_MAX;
import static care.sij.catalog.domain.CatalogRules.RANGE_MAX;
import static care.sij.catalog.domain.CatalogRules.RANGE_MIN;
import static care.sij.catalog.domain.CatalogRules.STEPS_MAX;
import static care.sij.catalog.domain.CatalogRules.STEPS_MIN;
import static care.sij.catalog.domain.CatalogRules.TARGET_PATTERN;
import static care.sij.catalog.domain.CatalogRules.TEXT_MAX;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One exercise, stretch, mobilization, isometric correction or support, as the catalog defines it:
 * a seed entry or a curator's write, checked by the same constraints either way. Immutable; stored as jsonb.
 *
 * <p>Enum constants are spelled exactly as on the wire, so that error messages, seeds and the
 * published contract all show the same words.
 */
@Schema(name = "ExerciseRequest", description = "An exercise as a curator writes it: the whole definition. Lists left out are empty.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Coherent
public record Exercise(
    @NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a slug of lower-case letters, digits and single hyphens")
    @Schema(description = "Stable slug; on replace it must equal the id in the path.", example = "clamshell", required = true) String id,
    @NotBlank @Size(max = NAME_MAX) @Schema(description = "Name.", example = "Clamshell", required = true) String name,
    @Size(max = LIST_MAX) @Schema(description = "Other names people search by.")
    List<@NotBlank @Size(max = NAME_MAX) String> aliases,
    @NotNull @Schema(description = "Kind of exercise.", example = "stabilization", required = true) Category category,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "Problems it serves.", required = true) List<@NotNull Goal> goals,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "Muscles and structures it works, as lower-case names with underscores.", required = true,
        example = "[\"gluteus_medius\"]")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = TARGET_PATTERN, message = "must be a lower-case name with underscores") String> targets,
    @NotNull @Schema(description = "Starting position.", example = "side_lying", required = true) Position position,
    @Size(max = LIST_MAX) @Schema(description = "What it needs; empty for nothing.") List<@NotNull Equipment> equipment,
    @NotNull @Min(DIFFICULTY_MIN) @Max(DIFFICULTY_MAX) @Schema(description = "1 (easiest) to 5.", example = "2", required = true) Integer difficulty,
    @NotNull @Valid @Schema(required = true) Laterality laterality,
    @NotNull @Valid @Schema(required = true, allOf = Dosage.class, requiredProperties = "perSide",
        description = "How much to do; perSide is required here.") Dosage dosage,
    @NotNull @Size(min = STEPS_MIN, max = STEPS_MAX, message = "must have at least {min} and at most {max} entries")
    @Schema(description = "Ordered instructions a person can follow; at least 3.", required = true,
        example = "[\"Lie on your side with knees bent.\", \"Open the top knee, feet together.\", \"Lower it slowly.\"]")
    List<@NotBlank @Size(max = TEXT_MAX) String> steps,
    @Size(max = LIST_MAX) @Schema(description = "Hints for doing it well.") List<@NotBlank @Size(max = TEXT_MAX) String> cues,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "When to stop.", required = true,
        example = "[\"Stop if the pain grows sharper.\"]") List<@NotBlank @Size(max = TEXT_MAX) String> safety,
    @Size(max = LIST_MAX) @Schema(description = "Conditions that rule it out.") List<@NotNull @Valid Contraindication> contraindications,
    @Size(max = LIST_MAX) @Schema(description = "What to mind beyond when to stop, each with its sources or the product's own reason.")
    List<@NotNull @Valid Caution> cautions,
    @Size(max = LIST_MAX) @Schema(description = "Ids of harder variants (live exercises).")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be an exercise id") String> progressions,
    @Size(max = LIST_MAX) @Schema(description = "Ids of easier variants (live exercises); plans swap to these when the exercise does not fit.")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be an exercise id") String> regressions,
    @NotEmpty @Size(max = LIST_MAX) @Schema(description = "Ids of the sources it comes from (GET /v1/sources).", required = true,
        example = "[\"si-dysfunction-home-exercises\"]")
    List<@NotNull @Size(max = ID_MAX) @Pattern(regexp = ID_PATTERN, message = "must be a source id") String> sources) implements Coherent.Checked {

  public enum Category { mobilization, stretch, stabilization, muscle_energy, support }

  public enum Goal { hypomobility, hypermobility, muscle_tension, core_strength, hip_strength, flexibility, posture, pain_relief }

  public enum Position { supine, prone, side_lying, quadruped, kneeling, seated, standing, plank, on_ball }

  public enum Equipment { chair, couch, door_frame, wall, small_ball, resistance_band, looped_band, swiss_ball, si_belt, pillow }

  /** How the sides are worked when one side is sore. */
  public enum LateralityMode { bilateral, each_side, sore_side_only, non_sore_side }

  /**
   * What happens when both sides are sore: {@code as_usual} (bilateral and each-side work only:
   * nothing changes), {@code skip} the exercise, do it working {@code no_side} (a plank without a leg
   * lift), or work {@code both_sides} in turn.
   */
  public enum BothSore { as_usual, skip, no_side, both_sides }

  /** Conditions under which an exercise should not be done, or only after a clinician's check. */
  public enum Condition {
    pregnancy, hypermobility, recent_trauma, acute_severe_pain, neurological_symptoms,
    wrist_or_shoulder_pain, knee_pain, balance_problems
  }

  /** Optional lists left out of a request, a seed entry or an older stored document are empty. */
  public Exercise {
    aliases = orEmpty(aliases);
    equipment = orEmpty(equipment);
    cues = orEmpty(cues);
    contraindications = orEmpty(contraindications);
    cautions = orEmpty(cautions);
    progressions = orEmpty(progressions);
    regressions = orEmpty(regressions);
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  @Override
  public void check(Coherent.Findings findings) {
    findings.distinctNames("aliases", aliases);
    findings.distinct("goals", goals);
    findings.distinct("equipment", equipment);
    if (dosage != null && dosage.perSide() == null) {
      findings.add("dosage.perSide", "is required");
    }
    for (int i = 0; i < contraindications.size(); i++) {
      Contraindication c = contraindications.get(i);
      if (c != null) {
        findings.basis("contraindications[" + i + "]", c.sources(), c.ownReason(), false);
      }
    }
    Caution.check("cautions", cautions, findings);
    findings.distinct("progressions", progressions);
    findings.distinct("regressions", regressions);
    if (id != null && progressions.contains(id)) {
      findings.add("progressions", "an exercise cannot link to itself");
    }
    if (id != null && regressions.contains(id)) {
      findings.add("regressions", "an exercise cannot link to itself");
    }
    progressions.stream().filter(p -> p != null && regressions.contains(p))
        .forEach(p -> findings.add("regressions", "'" + p + "' cannot be both a progression and a regression"));
    findings.distinct("sources", sources);
  }

  @Schema(description = "How the sides are worked, and what to do when both sides are sore.")
  @Coherent
  public record Laterality(
      @NotNull @Schema(description = "bilateral: both sides at once; each_side: one side, then the other; sore_side_only: "
          + "only the sore side; non_sore_side: the side that is not sore (for example the leg that lifts).",
          example = "each_side", required = true)
      LateralityMode mode,
      @NotNull @Schema(description = "When both sides are sore: as_usual (bilateral and each-side work only), skip the exercise, "
          + "do it working no_side (a plank without a leg lift), or work both_sides in turn.", example = "as_usual", required = true)
      BothSore bothSore) implements Coherent.Checked {

    @Override
    public void check(Coherent.Findings findings) {
      if (bothSore == BothSore.as_usual && (mode == LateralityMode.sore_side_only || mode == LateralityMode.non_sore_side)) {
        findings.add("bothSore", "must say what to do when both sides are sore (skip, no_side or both_sides) for " + mode + " work");
      }
    }
  }

  @Schema(description = "A whole-number range as the sources give it: min alone (max absent) means \"min or more\"; "
      + "min equal to max is a single value. max must not be below min.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Coherent
  public record Range(
      @NotNull @Min(RANGE_MIN) @Max(RANGE_MAX)
      @Schema(description = "Lower bound.", example = "10") Integer min,
      @Min(RANGE_MIN) @Max(RANGE_MAX)
      @Schema(description = "Upper bound; absent for no upper limit.", example = "15") Integer max) implements Coherent.Checked {

    @Override
    public void check(Coherent.Findings findings) {
      if (min != null && max != null && max < min) {
        findings.add("max", "must be between min (" + min + ") and " + RANGE_MAX + ", or absent for no upper limit");
      }
    }
  }

  @Schema(description = "How much to do, as the sources give it; a field is absent when no source gives it. "
      + "In a routine step, an override: only the fields given replace the exercise's own.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Coherent
  public record Dosage(
      @Valid @Schema(description = "Sets per session.") Range sets,
      @Valid @Schema(description = "Repetitions per set (per side when perSide).") Range reps,
      @Valid @Schema(description = "Seconds to hold each repetition.") Range holdSeconds,
      @Valid @Schema(description = "Seconds to rest between repetitions.") Range restSeconds,
      @Valid @Schema(description = "Sessions per day.") Range perDay,
      @Valid @Schema(description = "Sessions per week.") Range perWeek,
      @Schema(description = "Whether the counts are per side. Required on an exercise; optional in a step's override.", example = "true")
      Boolean perSide,
      @Size(max = TEXT_MAX)
      @Schema(description = "What the sources leave open, in plain words.", example = "No count is given.") String note)
      implements Coherent.Checked {

    /** This dosage with every field that {@code override} gives replaced. */
    public Dosage overriddenBy(Dosage override) {
      if (override == null) {
        return this;
      }
      return new Dosage(
          override.sets != null ? override.sets : sets,
          override.reps != null ? override.reps : reps,
          override.holdSeconds != null ? override.holdSeconds : holdSeconds,
          override.restSeconds != null ? override.restSeconds : restSeconds,
          override.perDay != null ? override.perDay : perDay,
          override.perWeek != null ? override.perWeek : perWeek,
          override.perSide != null ? override.perSide : perSide,
          override.note != null ? override.note : note);
    }

    @Override
    public void check(Coherent.Findings findings) {
      findings.notBlank("note", note);
    }
  }

  @Schema(description = "A condition under which the exercise should not be done, why, and what that rests on: sources, or the "
      + "product's own reason (at most one of the two).")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Contraindication(
      @NotNull @Schema(description = "The condition.", example = "pregnancy", required = true) Condition condition,
      @NotBlank @Size(max = TEXT_MAX)
      @Schema(description = "Why, in plain words.", example = "Do not rest the belly on a ball while pregnant.", required = true) String note,
      @Size(min = 1, max = LIST_MAX) @Schema(description = "The sources that say it; absent when ownReason is given or nothing is said.")
      List<@NotNull @Valid SourceRef> sources,
      @Size(max = TEXT_MAX) @Schema(description = "Why the product adds this although no source says it.",
          example = "A product caution: the articles do not discuss exercising on a ball during pregnancy.") String ownReason) {}
}
