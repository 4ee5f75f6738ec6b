package care.sij.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What every plan promises, for generated people and routines over the seeded exercises: no exercise
 * contraindicated for the person's findings, none above their difficulty, none needing equipment they lack,
 * every routine step accounted for once, and a variant keeping the routine's side rule.
 */
class PlanPropertiesTest {
  private static final SeedFiles.Seeds SEEDS = SeedFiles.fromClassPath();
  private static final Map<String, Entry<Exercise>> EXERCISES = SEEDS.exercises().stream()
      .collect(Collectors.toMap(Exercise::id, e -> Entry.of(e, false)));
  private static final Function<String, Optional<Entry<Exercise>>> LOOKUP = id -> Optional.ofNullable(EXERCISES.get(id));

  @Property(tries = 2000)
  void noPlanEverContainsAnExerciseContraindicatedForItsInput(@ForAll("routines") Routine routine, @ForAll("people") Planner.Input input) {
    Planner.Plan plan = Planner.plan(routine, input, LOOKUP);
    for (Planner.Step step : plan.steps()) {
      Exercise e = step.exercise();
      assertTrue(e.contraindications().stream().noneMatch(c -> input.findings().contains(c.condition())),
          () -> e.id() + " in a plan for " + input.findings());
      assertTrue(e.difficulty() <= input.maxDifficulty(), () -> e.id() + " above " + input.maxDifficulty());
      assertTrue(input.equipment() == null || input.equipment().containsAll(e.equipment()), () -> e.id() + " needs " + e.equipment());
    }
  }

  @Property(tries = 1000)
  void everyRoutineStepIsDoneSwappedOrLeftOutExactlyOnce(@ForAll("routines") Routine routine, @ForAll("people") Planner.Input input) {
    Planner.Plan plan = Planner.plan(routine, input, LOOKUP);
    List<Integer> accounted = new ArrayList<>();
    plan.steps().stream().filter(s -> s.replaces() == null).forEach(s -> accounted.add(s.routineStep()));
    plan.adjustments().forEach(a -> accounted.add(a.routineStep()));
    assertEquals(routine.steps().size(), accounted.size(), accounted::toString);
    assertEquals(accounted.size(), new HashSet<>(accounted).size(), accounted::toString);
    for (Planner.Adjustment a : plan.adjustments()) {
      assertFalse(a.reasons().isEmpty() && a.findings().isEmpty(), a::toString);
      assertEquals(a.findings().contains(Exercise.Condition.pregnancy), a.reasons().contains(Planner.Reason.not_during_pregnancy));
    }
  }

  @Property(tries = 1000)
  void aVariantKeepsTheRoutinesSideRuleWhenBothWorkOneSideAtATime(@ForAll("routines") Routine routine,
      @ForAll("people") Planner.Input input) {
    Planner.Plan plan = Planner.plan(routine, input, LOOKUP);
    for (Planner.Step step : plan.steps()) {
      if (step.replaces() == null) {
        continue;
      }
      Routine.Step routineStep = routine.steps().get(step.routineStep() - 1);
      Exercise.Laterality rule = routineStep.laterality() != null ? routineStep.laterality() : step.replaces().laterality();
      if (rule.mode() != Exercise.LateralityMode.bilateral && step.exercise().laterality().mode() != Exercise.LateralityMode.bilateral) {
        assertEquals(Planner.sides(rule, input.soreSide()), step.sides());
      } else {
        assertEquals(Planner.sides(step.exercise().laterality(), input.soreSide()), step.sides());
      }
    }
  }

  @Provide
  Arbitrary<Planner.Input> people() {
    Arbitrary<Planner.SoreSide> sore = Arbitraries.of(Planner.SoreSide.class);
    Arbitrary<Set<Exercise.Equipment>> equipment = Arbitraries.of(Exercise.Equipment.class).set()
        .map(s -> s.isEmpty() ? EnumSet.noneOf(Exercise.Equipment.class) : EnumSet.copyOf(s))
        .map(s -> (Set<Exercise.Equipment>) s).injectNull(0.3);
    Arbitrary<Set<Exercise.Condition>> findings = Arbitraries.of(Exercise.Condition.class).set()
        .map(s -> s.isEmpty() ? EnumSet.noneOf(Exercise.Condition.class) : EnumSet.copyOf(s));
    Arbitrary<Integer> maxDifficulty = Arbitraries.integers().between(1, 5);
    return Combinators.combine(sore, equipment, findings, maxDifficulty).as(Planner.Input::new);
  }

  /** The seeded routines, and routines of random seeded exercises with random side rules. */
  @Provide
  Arbitrary<Routine> routines() {
    List<String> ids = new ArrayList<>(EXERCISES.keySet());
    Arbitrary<Exercise.Laterality> laterality = Combinators.combine(Arbitraries.of(Exercise.LateralityMode.class),
        Arbitraries.of(Exercise.BothSore.class)).as(Exercise.Laterality::new)
        .filter(l -> l.bothSore() != Exercise.BothSore.as_usual
            || l.mode() == Exercise.LateralityMode.bilateral || l.mode() == Exercise.LateralityMode.each_side)
        .injectNull(0.6);
    Arbitrary<Routine.Step> step = Combinators.combine(Arbitraries.of(ids), laterality)
        .as((id, l) -> new Routine.Step(id, null, null, l, null, null));
    Arbitrary<Routine> generated = step.list().ofMinSize(1).ofMaxSize(8)
        .map(steps -> new Routine("generated", "Generated", "A generated routine.", Routine.Pathway.general,
            List.of("si-joint-back-in-place"), List.of(), steps));
    return Arbitraries.oneOf(Arbitraries.of(SEEDS.routines()), generated);
  }

  @Property(tries = 1)
  void theGeneratorsReachEveryConditionAndEverySeededRoutine() {
    Set<Exercise.Condition> ruledOut = new HashSet<>();
    SEEDS.exercises().forEach(e -> e.contraindications().forEach(c -> ruledOut.add(c.condition())));
    assertEquals(EnumSet.allOf(Exercise.Condition.class), ruledOut,
        "every condition rules out some seeded exercise, so the first property is not vacuous");
  }
}
