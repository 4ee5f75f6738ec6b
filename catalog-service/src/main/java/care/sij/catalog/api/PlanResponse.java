package care.sij.catalog.api;

import care.sij.catalog.domain.Education;
import care.sij.catalog.domain.Exercise;
import care.sij.catalog.domain.Planner;
import care.sij.catalog.domain.SourceRef;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A routine made concrete for one person: the steps to do in order, and what was changed and why.",
    requiredProperties = {"routine", "soreSide", "steps", "adjustments", "cautions", "disclaimer", "topics"})
public record PlanResponse(
    @Schema(description = "The routine planned.") RoutineRef routine,
    @Schema(description = "The sore side the plan is for.", example = "left") Planner.SoreSide soreSide,
    @Schema(description = "The steps to do, in order.") List<Step> steps,
    @Schema(description = "Routine steps left out or swapped for an easier variant, each with its reasons.") List<Adjustment> adjustments,
    @Schema(description = "What to mind: the routine's cautions first, then those of each exercise the plan does, each with its "
        + "sources or the product's own reason.") List<PlanCaution> cautions,
    @Schema(description = "A short disclaimer to show with the plan; the disclaimer topic says more.",
        example = "Educational exercise information, not a diagnosis or a clinician's treatment plan.") String disclaimer,
    @Schema(description = "Education topics that go with the plan, served by catalog-service.") List<TopicLink> topics) {

  @Schema(description = "Id and name of a routine.", requiredProperties = {"id", "name"})
  public record RoutineRef(
      @Schema(description = "Id.", example = "si-mobilization-sequence") String id,
      @Schema(description = "Name.", example = "SI mobilization sequence") String name) {}

  @Schema(description = "Id and name of an exercise.", requiredProperties = {"id", "name"})
  public record ExerciseRef(
      @Schema(description = "Id.", example = "door-frame-knee-push") String id,
      @Schema(description = "Name.", example = "Door-frame knee push") String name) {

    static ExerciseRef of(Exercise e) {
      return e == null ? null : new ExerciseRef(e.id(), e.name());
    }
  }

  @Schema(description = "One step of the plan.",
      requiredProperties = {"index", "routineStep", "exercise", "sides", "dosage", "instructions", "safety"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(
      @Schema(description = "Position in the plan, from 1.", example = "1") int index,
      @Schema(description = "Position of this step in the routine, from 1.", example = "1") int routineStep,
      @Schema(description = "The exercise to do.") ExerciseRef exercise,
      @Schema(description = "The routine's exercise, when this step does an easier variant instead; absent otherwise.") ExerciseRef replaces,
      @Schema(description = "Sides to work: both (one movement works both sides at once), left and/or right (each listed side in "
          + "turn; for work on the side that is not sore, the side that lifts), or none (do it without working a particular side, "
          + "for example a plank without a leg lift).")
      List<Planner.Side> sides,
      @Schema(description = "The dose: the routine step's override, else the exercise's own.") Exercise.Dosage dosage,
      @Schema(description = "How to do it, in order.") List<String> instructions,
      @Schema(description = "When to stop.") List<String> safety,
      @Schema(description = "What to mind in this step.") String note,
      @Schema(description = "If this step alone relieves the pain: the steps to skip. Absent when there is nothing to skip.") Relief onRelief) {

    static Step of(Planner.Step s) {
      Relief relief = s.onRelief() == null ? null
          : new Relief(s.onRelief().skipStepIndexes(), s.onRelief().continueAtIndex(), s.onRelief().instruction());
      return new Step(s.index(), s.routineStep(), ExerciseRef.of(s.exercise()), ExerciseRef.of(s.replaces()), s.sides(),
          s.dosage(), s.exercise().steps(), s.exercise().safety(), s.note(), relief);
    }
  }

  @Schema(description = "A condition a client app acts on when the person reports relief after this step.",
      requiredProperties = {"skipStepIndexes", "instruction"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Relief(
      @Schema(description = "Indexes of the plan steps to skip.") List<Integer> skipStepIndexes,
      @Schema(description = "Index of the plan step to go on with; absent when the plan is then done.", example = "4") Integer continueAtIndex,
      @Schema(description = "The same in plain words.", example = "If this step alone eases the pain, skip steps 2 and 3 and go on with step 4.")
      String instruction) {}

  @Schema(description = "A caution that applies to the plan: the routine's own, or one of an exercise it does.",
      requiredProperties = {"id", "text", "appliesTo"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlanCaution(
      @Schema(description = "Stable slug.", example = "see-physical-therapist-first") String id,
      @Schema(description = "The caution in plain words.") String text,
      @Schema(description = "routine, or the id of the exercise it belongs to.", example = "routine") String appliesTo,
      @Schema(description = "The sources that say it; absent when ownReason is given.") List<SourceRef> sources,
      @Schema(description = "Why the product adds this although no source says it; absent when sources are given.") String ownReason) {

    static PlanCaution of(Planner.PlanCaution c) {
      return new PlanCaution(c.caution().id(), c.caution().text(), c.exercise() == null ? "routine" : c.exercise().id(),
          c.caution().sources(), c.caution().ownReason());
    }
  }

  @Schema(description = "What the plan does with a routine step.")
  public enum Action { omitted, substituted }

  @Schema(description = "A routine step that is not done as written.",
      requiredProperties = {"routineStep", "exercise", "action", "reasons", "findings", "message"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Adjustment(
      @Schema(description = "Position of the step in the routine, from 1.", example = "2") int routineStep,
      @Schema(description = "The routine's exercise.") ExerciseRef exercise,
      @Schema(description = "omitted: left out; substituted: an easier variant is done instead.", example = "omitted") Action action,
      @Schema(description = "The easier variant done instead; absent when omitted.") ExerciseRef replacement,
      @Schema(description = "Why, as codes: both_sides_sore, missing_equipment, too_difficult, not_during_pregnancy, retired. "
          + "Empty when only the request's findings rule the exercise out.")
      List<Planner.Reason> reasons,
      @Schema(description = "The request's findings (pregnancy included) that rule the routine's exercise out, as codes of the "
          + "contraindications' vocabulary; empty when none do. reasons and findings are never both empty.")
      List<Exercise.Condition> findings,
      @Schema(description = "The same in a plain sentence.", example = "Step 2, Knee-to-wall push, is left out: it is not done when both sides are sore.")
      String message,
      @Schema(description = "Present when the step left out is where the routine checks for relief: what the plan loses with it.")
      String lostRelief) {

    static Adjustment of(Planner.Adjustment a) {
      return new Adjustment(a.routineStep(), ExerciseRef.of(a.exercise()), a.replacement() == null ? Action.omitted : Action.substituted,
          ExerciseRef.of(a.replacement()), a.reasons(), a.findings(), a.message(), a.lostRelief());
    }
  }

  static PlanResponse of(Planner.Plan plan) {
    return new PlanResponse(new RoutineRef(plan.routine().id(), plan.routine().name()), plan.input().soreSide(),
        plan.steps().stream().map(Step::of).toList(), plan.adjustments().stream().map(Adjustment::of).toList(),
        plan.cautions().stream().map(PlanCaution::of).toList(), Education.DISCLAIMER, TopicLink.of(Education.topicsForPlan(plan.routine())));
  }
}
