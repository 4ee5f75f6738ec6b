package care.sij.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed check on small inline documents: any problem stops start-up, named by file, entry and field. */
class SeedFilesTest {
  /** One source, for the seed tests of every file. */
  static final String SOURCES = """
      - id: src-a
        title: "Article A"
        author: null
        publisher: null
        article: "000"
        summary: "What A says."
        studies: []
      """;

  private static String exercise(String id, String extra) {
    return """
        - id: %s
          name: "Exercise %s"
          aliases: ["other %s"]
          category: stretch
          goals: [flexibility]
          targets: [hamstrings]
          position: seated
          equipment: []
          difficulty: 2
          laterality: {mode: each_side, bothSore: as_usual}
          dosage: {reps: {min: 2, max: 3}, perSide: true}
          steps: ["One.", "Two.", "Three."]
          cues: ["Slowly."]
          safety: ["Stop if it hurts."]
          contraindications: []
          sources: [src-a]
        %s""".formatted(id, id, id, extra);
  }

  private static String exercises(String aExtra, String bExtra) {
    return exercise("ex-a", aExtra) + exercise("ex-b", bExtra);
  }

  private static final String LINKED_A = "  progressions: [ex-b]\n  regressions: []\n";
  private static final String LINKED_B = "  progressions: []\n  regressions: [ex-a]\n";
  private static final String UNLINKED = "  progressions: []\n  regressions: []\n";

  private static final String ROUTINES = """
      - id: routine-a
        name: "Routine A"
        summary: "A then B."
        pathway: general
        sources: [src-a]
        steps:
          - exercise: ex-a
            onRelief: {skipNext: 1}
          - exercise: ex-b
      """;

  private static SeedFiles.InvalidSeeds invalid(String sources, String exercises, String routines) {
    return assertThrows(SeedFiles.InvalidSeeds.class, () -> SeedFiles.parse(sources, exercises, routines, ""));
  }

  private static void names(SeedFiles.InvalidSeeds e, String file, String entry, String field) {
    String expected = file + ": entry '" + entry + "': field '" + field + "'";
    assertTrue(e.getMessage().contains(expected), "expected <" + expected + "> in:\n" + e.getMessage());
  }

  @Test
  void wellFormedSeedsParse() {
    SeedFiles.Seeds seeds = SeedFiles.parse(SOURCES, exercises(LINKED_A, LINKED_B), ROUTINES, "");
    assertEquals(List.of("ex-a", "ex-b"), seeds.exercises().stream().map(Exercise::id).toList());
    assertEquals(1, seeds.routines().size());
    assertEquals(1, seeds.sources().size());
  }

  @Test
  void missingRequiredFieldIsNamed() {
    String noSteps = exercises(LINKED_A, LINKED_B).replaceFirst("  steps: \\[\"One.\", \"Two.\", \"Three.\"]\n", "");
    names(invalid(SOURCES, noSteps, ROUTINES), SeedFiles.EXERCISES, "ex-a", "steps");
  }

  @Test
  void fewerThanThreeStepsIsRefused() {
    String twoSteps = exercises(LINKED_A, LINKED_B).replaceFirst("\"Two.\", \"Three.\"", "\"Two.\"");
    SeedFiles.InvalidSeeds e = invalid(SOURCES, twoSteps, ROUTINES);
    names(e, SeedFiles.EXERCISES, "ex-a", "steps");
    assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
  }

  @Test
  void unknownEnumValueIsNamedWithTheAllowedOnes() {
    String badCategory = exercises(LINKED_A, LINKED_B).replaceFirst("category: stretch", "category: yoga");
    SeedFiles.InvalidSeeds e = invalid(SOURCES, badCategory, ROUTINES);
    names(e, SeedFiles.EXERCISES, "ex-a", "category");
    assertTrue(e.getMessage().contains("muscle_energy"), e.getMessage());
  }

  @Test
  void unknownFieldIsRefused() {
    names(invalid(SOURCES, exercises(LINKED_A + "  colour: red\n", LINKED_B), ROUTINES), SeedFiles.EXERCISES, "ex-a", "colour");
  }

  @Test
  void wrongTypeIsRefused() {
    String textDifficulty = exercises(LINKED_A, LINKED_B).replaceFirst("difficulty: 2", "difficulty: \"hard\"");
    names(invalid(SOURCES, textDifficulty, ROUTINES), SeedFiles.EXERCISES, "ex-a", "difficulty");
  }

  @Test
  void outOfRangeValuesAreRefused() {
    String tooHard = exercises(LINKED_A, LINKED_B).replaceFirst("difficulty: 2", "difficulty: 6");
    names(invalid(SOURCES, tooHard, ROUTINES), SeedFiles.EXERCISES, "ex-a", "difficulty");
    String upsideDown = exercises(LINKED_A, LINKED_B).replaceFirst("reps: \\{min: 2, max: 3}", "reps: {min: 3, max: 2}");
    names(invalid(SOURCES, upsideDown, ROUTINES), SeedFiles.EXERCISES, "ex-a", "dosage.reps.max");
  }

  @Test
  void sideSpecificWorkMustSayWhatHappensWhenBothSidesAreSore() {
    String soreOnly = exercises(LINKED_A, LINKED_B).replaceFirst("mode: each_side", "mode: sore_side_only");
    names(invalid(SOURCES, soreOnly, ROUTINES), SeedFiles.EXERCISES, "ex-a", "laterality.bothSore");
  }

  @Test
  void linkToAnUnknownExerciseIsRefused() {
    names(invalid(SOURCES, exercises("  progressions: [ex-z]\n  regressions: []\n", UNLINKED), ROUTINES),
        SeedFiles.EXERCISES, "ex-a", "progressions[0]");
  }

  @Test
  void oneSidedLinkIsRefused() {
    SeedFiles.InvalidSeeds e = invalid(SOURCES, exercises(LINKED_A, UNLINKED), ROUTINES);
    names(e, SeedFiles.EXERCISES, "ex-a", "progressions[0]");
    assertTrue(e.getMessage().contains("'ex-b' must list 'ex-a' in its regressions"), e.getMessage());
  }

  @Test
  void unknownSourceIsRefused() {
    String otherSource = exercises(LINKED_A, LINKED_B).replaceFirst("sources: \\[src-a]", "sources: [src-z]");
    names(invalid(SOURCES, otherSource, ROUTINES), SeedFiles.EXERCISES, "ex-a", "sources[0]");
  }

  @Test
  void routineNamingAnUnknownExerciseIsRefused() {
    names(invalid(SOURCES, exercises(LINKED_A, LINKED_B), ROUTINES.replace("exercise: ex-b", "exercise: ex-z")),
        SeedFiles.ROUTINES, "routine-a", "steps[1].exercise");
  }

  @Test
  void skipOnReliefMustStayWithinTheRoutine() {
    names(invalid(SOURCES, exercises(LINKED_A, LINKED_B), ROUTINES.replace("skipNext: 1", "skipNext: 2")),
        SeedFiles.ROUTINES, "routine-a", "steps[0].onRelief.skipNext");
  }

  @Test
  void duplicateIdIsRefused() {
    names(invalid(SOURCES, exercises(LINKED_A, LINKED_B) + exercise("ex-a", UNLINKED), ROUTINES), SeedFiles.EXERCISES, "ex-a", "id");
  }

  @Test
  void unreadableYamlNamesTheFile() {
    SeedFiles.InvalidSeeds e = invalid(SOURCES, "- id: [unclosed", ROUTINES);
    assertTrue(e.getMessage().contains(SeedFiles.EXERCISES + ": entry '-'"), e.getMessage());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String twoProblems = exercises(LINKED_A, LINKED_B).replaceFirst("difficulty: 2", "difficulty: 0").replaceFirst("\"Two.\", \"Three.\"", "\"Two.\"");
    SeedFiles.InvalidSeeds e = invalid(SOURCES, twoProblems, ROUTINES);
    assertEquals(2, e.problems().size(), e.getMessage());
    names(e, SeedFiles.EXERCISES, "ex-a", "difficulty");
    names(e, SeedFiles.EXERCISES, "ex-a", "steps");
  }
}
