package care.sij.catalog.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a routine into a plan for one person. Each routine step becomes a plan step with the
 * sides to work and the dosage resolved, or it is swapped for an easier variant, or left out; every
 * swap and omission is reported with its reasons.
 *
 * <p>Sides: {@code both} means one movement works both sides at once (bilateral work);
 * {@code left}, {@code right} mean that side, and both listed mean each side in turn (each-side work
 * starts with the left); {@code none} means the exercise is done without working a particular side
 * (a plank without a leg lift). For sore-side-only work the side is the sore one; for non-sore-side
 * work, the other one (the leg that lifts). When both sides are sore the exercise's (or the step's)
 * {@code bothSore} rule decides.
 */
public final class Planner {
  private Planner() {}

  public enum SoreSide { left, right, both }

  public enum Side { left, right, both, none }

  /**
   * Why a routine step is not done as written, besides the person's findings (an adjustment's own list): a new
   * value here would widen a published response enum, which breaks generated clients.
   */
  public enum Reason { both_sides_sore, missing_equipment, too_difficult, not_during_pregnancy, retired }

  /**
   * Who the plan is for.
   *
   * @param equipment what the person has at hand; null when not said, and then equipment rules nothing out
   * @param findings what is known of the person in the contraindications' vocabulary (pregnancy included)
   */
  public record Input(SoreSide soreSide, Set<Exercise.Equipment> equipment, Set<Exercise.Condition> findings, int maxDifficulty) {
    public boolean pregnant() {
      return findings.contains(Exercise.Condition.pregnancy);
    }
  }

  /**
   * One step of the plan.
   *
   * @param index position in the plan, from 1
   * @param routineStep position of the step in the routine, from 1
   * @param replaces the routine's exercise when this step does an easier variant instead, else null
   */
  public record Step(int index, int routineStep, Exercise exercise, Exercise replaces, List<Side> sides,
      Exercise.Dosage dosage, String note, Relief onRelief) {}

  /**
   * If this step alone relieves the pain: the plan steps to skip, and where to go on (null: the plan is done).
   */
  public record Relief(List<Integer> skipStepIndexes, Integer continueAtIndex, String instruction) {}

  /**
   * A routine step that is left out (replacement null) or done as an easier variant.
   *
   * @param findings the person's findings that rule the routine's exercise out, in the order of its contraindications;
   *     reasons and findings are never both empty
   * @param lostRelief when the step left out carried the routine's relief branch: what that changes, else null
   */
  public record Adjustment(int routineStep, Exercise exercise, Exercise replacement, List<Reason> reasons,
      List<Exercise.Condition> findings, String message, String lostRelief) {}

  /** A caution of the routine (exercise null) or of an exercise the plan does. */
  public record PlanCaution(Caution caution, Exercise exercise) {}

  public record Plan(Routine routine, Input input, List<Step> steps, List<Adjustment> adjustments, List<PlanCaution> cautions) {}

  public static Plan plan(Routine routine, Input input, Function<String, Optional<Entry<Exercise>>> exercises) {
    record Chosen(int routineStep, Routine.Step step, Exercise exercise, Exercise replaces, List<Side> sides, Exercise.Dosage dosage) {}
    List<Chosen> chosen = new ArrayList<>();
    List<Adjustment> adjustments = new ArrayList<>();
    for (int i = 0; i < routine.steps().size(); i++) {
      int position = i + 1;
      Routine.Step step = routine.steps().get(i);
      Optional<Entry<Exercise>> found = exercises.apply(step.exercise());
      if (found.isEmpty()) {
        // Writes refuse routines naming unknown exercises; this only guards against a hand-edited database.
        continue;
      }
      Exercise exercise = found.get().definition();
      Exercise.Laterality laterality = step.laterality() != null ? step.laterality() : exercise.laterality();
      List<Side> sides = sides(laterality, input.soreSide());
      if (sides == null) {
        adjustments.add(new Adjustment(position, exercise, null, List.of(Reason.both_sides_sore), List.of(),
            "Step " + position + ", " + exercise.name() + ", is left out: it is not done when both sides are sore.",
            lostRelief(routine, position)));
        continue;
      }
      List<Reason> reasons = unfit(found.get(), input);
      List<Exercise.Condition> findings = ruledOutBy(exercise, input);
      if (reasons.isEmpty() && findings.isEmpty()) {
        chosen.add(new Chosen(position, step, exercise, null, sides, exercise.dosage().overriddenBy(step.dosage())));
        continue;
      }
      Optional<Exercise> easier = easiestFittingRegression(exercise, laterality, input, exercises);
      String why = because(exercise, reasons, findings, input);
      if (easier.isPresent()) {
        Exercise variant = easier.get();
        // The step's dosage was written for the routine's exercise; the variant keeps its own, and the routine's side rule.
        chosen.add(new Chosen(position, step, variant, exercise, sides(sideRule(laterality, variant), input.soreSide()), variant.dosage()));
        adjustments.add(new Adjustment(position, exercise, variant, reasons, findings,
            "Step " + position + ", " + exercise.name() + ", is replaced by " + variant.name() + ": " + why + ".", null));
      } else {
        adjustments.add(new Adjustment(position, exercise, null, reasons, findings,
            "Step " + position + ", " + exercise.name() + ", is left out: " + why + ", and no easier variant of it fits.",
            lostRelief(routine, position)));
      }
    }

    List<Step> steps = new ArrayList<>();
    for (int k = 0; k < chosen.size(); k++) {
      Chosen c = chosen.get(k);
      Relief relief = null;
      Routine.OnRelief onRelief = c.step().onRelief();
      if (onRelief != null && onRelief.skipNext() != null) {
        // Count in the routine's own steps: steps already left out for other reasons must not push
        // the skip onto steps the routine did not mean.
        int lastSkipped = c.routineStep() + onRelief.skipNext();
        List<Integer> skip = new ArrayList<>();
        Integer continueAt = null;
        for (int j = k + 1; j < chosen.size(); j++) {
          if (chosen.get(j).routineStep() <= lastSkipped) {
            skip.add(j + 1);
          } else {
            continueAt = j + 1;
            break;
          }
        }
        if (!skip.isEmpty()) {
          relief = new Relief(List.copyOf(skip), continueAt, reliefInstruction(skip, continueAt));
        }
      }
      String note = c.replaces() == null ? c.step().note() : variantNote(c.step(), c.exercise(), c.replaces());
      steps.add(new Step(k + 1, c.routineStep(), c.exercise(), c.replaces(), c.sides(), c.dosage(), note, relief));
    }
    return new Plan(routine, input, List.copyOf(steps), List.copyOf(adjustments), cautions(routine, steps));
  }

  /** The routine's cautions, then those of each exercise planned, each once. */
  private static List<PlanCaution> cautions(Routine routine, List<Step> steps) {
    List<PlanCaution> cautions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    routine.cautions().forEach(c -> cautions.add(new PlanCaution(c, null)));
    for (Step step : steps) {
      if (seen.add(step.exercise().id())) {
        step.exercise().cautions().forEach(c -> cautions.add(new PlanCaution(c, step.exercise())));
      }
    }
    return List.copyOf(cautions);
  }

  /**
   * The side rule an easier variant keeps: the step's (or its exercise's) rule when both work one side at a
   * time, since the routine chose the sides; a variant that works both sides at once keeps its own.
   */
  static Exercise.Laterality sideRule(Exercise.Laterality stepRule, Exercise variant) {
    boolean oneSided = stepRule.mode() != Exercise.LateralityMode.bilateral
        && variant.laterality().mode() != Exercise.LateralityMode.bilateral;
    return oneSided ? stepRule : variant.laterality();
  }

  /** The routine's note for this variant, or a plain one: the step's own note was written for its exercise. */
  private static String variantNote(Routine.Step step, Exercise variant, Exercise replaced) {
    String written = step.noteFor(variant.id());
    return written != null ? written : "Done in place of " + replaced.name() + ".";
  }

  /** What is lost when a step that carries the routine's relief branch is left out, or null. */
  private static String lostRelief(Routine routine, int position) {
    Routine.OnRelief onRelief = routine.steps().get(position - 1).onRelief();
    if (onRelief == null || onRelief.skipNext() == null) {
      return null;
    }
    int last = position + onRelief.skipNext();
    String skipped = onRelief.skipNext() == 1 ? "step " + (position + 1) : "steps " + (position + 1) + " to " + last;
    return "Routine step " + position + " is where the routine checks for relief: if it alone eased the pain, routine " + skipped
        + " would be skipped. Without it there is no such shortcut; do every step the plan lists.";
  }

  /** The sides to work, or null when the exercise is left out because both sides are sore. */
  static List<Side> sides(Exercise.Laterality laterality, SoreSide sore) {
    if (sore == SoreSide.both) {
      return switch (laterality.bothSore()) {
        case skip -> null;
        case no_side -> List.of(Side.none);
        case both_sides -> List.of(Side.left, Side.right);
        case as_usual -> laterality.mode() == Exercise.LateralityMode.bilateral ? List.of(Side.both) : List.of(Side.left, Side.right);
      };
    }
    Side soreSide = sore == SoreSide.left ? Side.left : Side.right;
    Side otherSide = sore == SoreSide.left ? Side.right : Side.left;
    return switch (laterality.mode()) {
      case bilateral -> List.of(Side.both);
      case each_side -> List.of(Side.left, Side.right);
      case sore_side_only -> List.of(soreSide);
      case non_sore_side -> List.of(otherSide);
    };
  }

  private static List<Reason> unfit(Entry<Exercise> entry, Input input) {
    Exercise e = entry.definition();
    List<Reason> reasons = new ArrayList<>();
    if (entry.retired()) {
      reasons.add(Reason.retired);
    }
    if (input.equipment() != null && !input.equipment().containsAll(e.equipment())) {
      reasons.add(Reason.missing_equipment);
    }
    if (e.difficulty() > input.maxDifficulty()) {
      reasons.add(Reason.too_difficult);
    }
    if (ruledOutBy(e, input).contains(Exercise.Condition.pregnancy)) {
      reasons.add(Reason.not_during_pregnancy);
    }
    return reasons;
  }

  private static boolean fits(Entry<Exercise> entry, Input input) {
    return unfit(entry, input).isEmpty() && ruledOutBy(entry.definition(), input).isEmpty();
  }

  /** The person's findings among the exercise's contraindications, in the exercise's order. */
  private static List<Exercise.Condition> ruledOutBy(Exercise e, Input input) {
    return e.contraindications().stream().map(Exercise.Contraindication::condition).filter(input.findings()::contains).distinct().toList();
  }

  /**
   * The easiest exercise among the regressions (and theirs in turn) that fits the person and can be
   * done with their sore side; ties go to the one listed first.
   */
  private static Optional<Exercise> easiestFittingRegression(Exercise exercise, Exercise.Laterality stepRule, Input input,
      Function<String, Optional<Entry<Exercise>>> exercises) {
    List<Entry<Exercise>> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(exercise.id()));
    Deque<Exercise> queue = new ArrayDeque<>(List.of(exercise));
    while (!queue.isEmpty()) {
      for (String id : queue.removeFirst().regressions()) {
        if (seen.add(id)) {
          exercises.apply(id).ifPresent(entry -> {
            candidates.add(entry);
            queue.addLast(entry.definition());
          });
        }
      }
    }
    return candidates.stream()
        .filter(c -> fits(c, input) && sides(sideRule(stepRule, c.definition()), input.soreSide()) != null)
        .min(Comparator.comparingInt((Entry<Exercise> c) -> c.definition().difficulty()))
        .map(Entry::definition);
  }

  private static String because(Exercise e, List<Reason> reasons, List<Exercise.Condition> findings, Input input) {
    List<String> parts = new ArrayList<>();
    for (Reason reason : reasons) {
      parts.add(switch (reason) {
        case retired -> "it has been retired from the catalog";
        case missing_equipment -> "it needs " + e.equipment().stream()
            .filter(q -> !input.equipment().contains(q)).map(q -> q.name().replace('_', ' ')).collect(Collectors.joining(" and "))
            + ", which you do not have at hand";
        case too_difficult -> "its difficulty (" + e.difficulty() + ") is above your maximum (" + input.maxDifficulty() + ")";
        case not_during_pregnancy -> "it is not advised during pregnancy";
        case both_sides_sore -> "it is not done when both sides are sore";
      });
    }
    e.contraindications().stream()
        .filter(c -> c.condition() != Exercise.Condition.pregnancy && findings.contains(c.condition()))
        .forEach(c -> parts.add("it is not advised with " + c.condition().name().replace('_', ' ') + " (" + c.note() + ")"));
    return String.join(", and ", parts);
  }

  private static String reliefInstruction(List<Integer> skip, Integer continueAt) {
    String steps = skip.size() == 1 ? "step " + skip.get(0)
        : "steps " + skip.subList(0, skip.size() - 1).stream().map(String::valueOf).collect(Collectors.joining(", "))
            + " and " + skip.get(skip.size() - 1);
    return "If this step alone eases the pain, skip " + steps
        + (continueAt == null ? " and finish here." : " and go on with step " + continueAt + ".");
  }
}
