package care.sij.catalog.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One exercise, stretch, mobilization, isometric correction or support, as the catalog defines it:
 * the content of a seed entry or of a curator's write. Immutable; stored as jsonb.
 *
 * <p>Enum constants are spelled exactly as on the wire, so that error messages, seeds and the
 * published contract all show the same words.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Exercise(
    String id,
    String name,
    List<String> aliases,
    Category category,
    List<Goal> goals,
    List<String> targets,
    Position position,
    List<Equipment> equipment,
    Integer difficulty,
    Laterality laterality,
    Dosage dosage,
    List<String> steps,
    List<String> cues,
    List<String> safety,
    List<Contraindication> contraindications,
    List<Caution> cautions,
    List<String> progressions,
    List<String> regressions,
    List<String> sources) {

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

  /** Sides and what to do when both hurt. */
  public record Laterality(LateralityMode mode, BothSore bothSore) {}

  /** A whole-number range as the sources give it; max null means "or more", min = max a single value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Range(Integer min, Integer max) {}

  /** Dose per session; a field is absent when no source gives it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dosage(Range sets, Range reps, Range holdSeconds, Range restSeconds, Range perDay, Range perWeek,
      Boolean perSide, String note) {

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
  }

  /** A condition that rules the exercise out, why, and what that rests on: sources, or the product's own reason. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Contraindication(Condition condition, String note, List<SourceRef> sources, String ownReason) {}

  /** Optional lists read from older stored documents or left out of a seed entry are empty. */
  public Exercise {
    cautions = cautions == null ? List.of() : cautions;
  }
}
