package care.sij.catalog;

import static care.sij.catalog.Fixtures.badField;
import static care.sij.catalog.Fixtures.create;
import static care.sij.catalog.Fixtures.createRoutine;
import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.exercise;
import static care.sij.catalog.Fixtures.isProblem;
import static care.sij.catalog.Fixtures.marker;
import static care.sij.catalog.Fixtures.routine;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import care.sij.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plans: the seeded sequence of the Gurd article for each sore side, and substitutions, omissions and
 * conditions on routines of each test's own.
 */
@QuarkusTest
class PlanTest {
  private static final String SEQUENCE = "si-mobilization-sequence";
  private final String m = marker();

  private static ValidatableResponse plan(String routine, Map<String, Object> request) {
    return curator().contentType("application/json").body(request).when().post("/v1/routines/" + routine + "/plan").then();
  }

  private static Map<String, Object> person(String soreSide) {
    Map<String, Object> request = new HashMap<>();
    request.put("soreSide", soreSide);
    request.put("pregnant", false);
    return request;
  }

  private static Map<String, Object> person(String soreSide, Object... more) {
    Map<String, Object> request = person(soreSide);
    for (int i = 0; i < more.length; i += 2) {
      request.put((String) more[i], more[i + 1]);
    }
    return request;
  }

  // ---------------------------------------------------------------- the seeded sequence

  @Test
  void leftSoreSequenceWorksTheLeftWallPushAndLiftsTheRightLeg() {
    plan(SEQUENCE, person("left")).statusCode(200)
        .body("routine.id", equalTo(SEQUENCE)).body("soreSide", equalTo("left"))
        .body("steps", hasSize(5)).body("adjustments", empty())
        .body("steps.index", equalTo(List.of(1, 2, 3, 4, 5)))
        .body("steps.exercise.id", equalTo(List.of("door-frame-knee-push", "inflare-wall-push", "plank", "swiss-ball-superman",
            "door-frame-knee-push")))
        .body("steps[0].sides", equalTo(List.of("left", "right")))
        .body("steps[1].sides", equalTo(List.of("left")))
        .body("steps[2].sides", equalTo(List.of("right")))
        .body("steps[3].sides", equalTo(List.of("right")))
        .body("steps[4].sides", equalTo(List.of("left", "right")))
        .body("steps[0].dosage.holdSeconds.min", equalTo(6)).body("steps[0].dosage.reps.min", equalTo(6))
        .body("steps[0].dosage.restSeconds.min", equalTo(6))
        .body("steps[0].instructions.size()", greaterThanOrEqualTo(3))
        .body("steps[0].onRelief.skipStepIndexes", equalTo(List.of(2, 3)))
        .body("steps[0].onRelief.continueAtIndex", equalTo(4))
        .body("steps[0].onRelief.instruction", containsString("skip steps 2 and 3 and go on with step 4"))
        .body("steps[4].onRelief", nullValue());
  }

  @Test
  void rightSoreSequenceMirrorsTheSides() {
    plan(SEQUENCE, person("right")).statusCode(200)
        .body("steps", hasSize(5))
        .body("steps[1].exercise.id", equalTo("inflare-wall-push")).body("steps[1].sides", equalTo(List.of("right")))
        .body("steps[2].exercise.id", equalTo("plank")).body("steps[2].sides", equalTo(List.of("left")))
        .body("steps[3].sides", equalTo(List.of("left")))
        .body("steps[0].onRelief.skipStepIndexes", equalTo(List.of(2, 3)));
  }

  @Test
  void bothSoreSequenceLeavesOutTheWallPushAndLiftsNoLeg() {
    plan(SEQUENCE, person("both")).statusCode(200)
        .body("steps", hasSize(4))
        .body("steps.exercise.id", equalTo(List.of("door-frame-knee-push", "plank", "swiss-ball-superman", "door-frame-knee-push")))
        .body("steps.routineStep", equalTo(List.of(1, 3, 4, 5)))
        .body("steps[0].sides", equalTo(List.of("left", "right")))
        .body("steps[1].sides", equalTo(List.of("none")))
        .body("steps[2].sides", equalTo(List.of("left", "right")))
        .body("steps[3].sides", equalTo(List.of("left", "right")))
        // "skip the next two" still means the wall push and the plank: only the plank is left to skip
        .body("steps[0].onRelief.skipStepIndexes", equalTo(List.of(2)))
        .body("steps[0].onRelief.continueAtIndex", equalTo(3))
        .body("adjustments", hasSize(1))
        .body("adjustments[0].routineStep", equalTo(2))
        .body("adjustments[0].exercise.id", equalTo("inflare-wall-push"))
        .body("adjustments[0].action", equalTo("omitted"))
        .body("adjustments[0].reasons", equalTo(List.of("both_sides_sore")))
        .body("adjustments[0].message", containsString("both sides are sore"));
  }

  @Test
  void pregnancySwapsThePlankForTheKneePlankAndTheBallForTheBirdDog() {
    plan(SEQUENCE, person("left", "pregnant", true)).statusCode(200)
        .body("steps[2].exercise.id", equalTo("knee-plank")).body("steps[2].replaces.id", equalTo("plank"))
        .body("steps[2].sides", equalTo(List.of("right")))
        .body("steps[3].exercise.id", equalTo("bird-dog")).body("steps[3].replaces.id", equalTo("swiss-ball-superman"))
        .body("adjustments.action", equalTo(List.of("substituted", "substituted")))
        .body("adjustments[0].reasons", equalTo(List.of("not_during_pregnancy")))
        .body("adjustments[0].replacement.id", equalTo("knee-plank"));
  }

  @Test
  void lowMaximumDifficultySwapsTheFullPlankForTheKneePlank() {
    plan(SEQUENCE, person("right", "maxDifficulty", 3)).statusCode(200)
        .body("steps[2].exercise.id", equalTo("knee-plank"))
        .body("adjustments[0].routineStep", equalTo(3))
        .body("adjustments[0].reasons", equalTo(List.of("too_difficult")))
        .body("adjustments[0].message", containsString("difficulty (5) is above your maximum (3)"));
  }

  @Test
  void withoutADoorFrameTheDoorFramePushesAreLeftOutAndTheirConditionWithThem() {
    plan(SEQUENCE, person("left", "equipment", List.of("wall"))).statusCode(200)
        .body("steps.exercise.id", equalTo(List.of("inflare-wall-push", "plank", "bird-dog")))
        .body("steps.onRelief", equalTo(Arrays.asList(null, null, null)))
        .body("adjustments.routineStep", equalTo(List.of(1, 4, 5)))
        .body("adjustments[0].reasons", equalTo(List.of("missing_equipment")))
        .body("adjustments[0].message", containsString("door frame"))
        .body("adjustments[0].lostRelief", containsString("if it alone eased the pain, routine steps 2 to 3 would be skipped"))
        .body("adjustments[2].lostRelief", nullValue());
  }

  @Test
  void birdDogStandingInForTheBallKeepsTheSequencesSideRuleAndANoteWrittenForIt() {
    plan(SEQUENCE, person("left", "pregnant", true)).statusCode(200)
        .body("steps[3].exercise.id", equalTo("bird-dog"))
        .body("steps[3].sides", equalTo(List.of("right")))
        .body("steps[3].note", containsString("opposite arm"))
        .body("steps[2].note", containsString("knee plank in place of the full one"));
    plan(SEQUENCE, person("right", "maxDifficulty", 3)).statusCode(200)
        .body("steps[3].exercise.id", equalTo("bird-dog")).body("steps[3].sides", equalTo(List.of("left")));
    plan(SEQUENCE, person("both", "pregnant", true)).statusCode(200)
        .body("steps.exercise.id", equalTo(List.of("door-frame-knee-push", "knee-plank", "bird-dog", "door-frame-knee-push")))
        .body("steps[1].sides", equalTo(List.of("none")))
        .body("steps[2].sides", equalTo(List.of("left", "right")));
  }

  @Test
  void findingsSwapOrLeaveOutEveryExerciseContraindicatedForThem() {
    plan("hinge-nine-exercises", person("left", "findings", List.of("neurological_symptoms"))).statusCode(200)
        .body("steps.exercise.id", not(org.hamcrest.Matchers.hasItems("seated-hamstring-stretch", "seated-piriformis-stretch")))
        .body("adjustments.exercise.id", equalTo(List.of("seated-hamstring-stretch", "seated-piriformis-stretch")))
        .body("adjustments.action", equalTo(List.of("omitted", "omitted")))
        .body("adjustments[0].reasons", empty())
        .body("adjustments[0].findings", equalTo(List.of("neurological_symptoms")))
        .body("adjustments[0].message", containsString("not advised with neurological symptoms"));
    plan(SEQUENCE, person("left", "findings", List.of("acute_severe_pain"))).statusCode(200)
        .body("steps.exercise.id", equalTo(List.of("door-frame-knee-push", "inflare-wall-push", "door-frame-knee-push")))
        .body("adjustments.action", equalTo(List.of("omitted", "omitted")))
        .body("adjustments.reasons", equalTo(List.of(List.of(), List.of())))
        .body("adjustments.findings", equalTo(List.of(List.of("acute_severe_pain"), List.of("acute_severe_pain"))));
    plan(SEQUENCE, person("left", "findings", List.of("recent_trauma"))).statusCode(200)
        .body("steps.exercise.id", equalTo(List.of("plank", "swiss-ball-superman")))
        .body("adjustments.routineStep", equalTo(List.of(1, 2, 5)))
        .body("adjustments[0].findings", equalTo(List.of("recent_trauma")))
        .body("adjustments[0].lostRelief", containsString("no such shortcut"));
    plan(SEQUENCE, person("left", "pregnant", true, "findings", List.of("pregnancy", "wrist_or_shoulder_pain"))).statusCode(200)
        .body("steps.exercise.id", equalTo(List.of("door-frame-knee-push", "inflare-wall-push", "door-frame-knee-push")))
        .body("adjustments[0].reasons", equalTo(List.of("not_during_pregnancy")))
        .body("adjustments[0].findings", equalTo(List.of("pregnancy", "wrist_or_shoulder_pain")));
  }

  @Test
  void plansCarryTheirCautionsWithSourcesADisclaimerAndTopics() {
    plan(SEQUENCE, person("left")).statusCode(200)
        .body("cautions.findAll { it.appliesTo == 'routine' }.id", org.hamcrest.Matchers.hasItems("see-physical-therapist-first",
            "no-guarantees", "mobilize-before-stabilizing"))
        .body("cautions.find { it.id == 'see-physical-therapist-first' }.sources[0].id", equalTo("power-of-motion-mobilization"))
        .body("cautions.find { it.id == 'see-physical-therapist-first' }.sources[0].locator", not(org.hamcrest.Matchers.blankOrNullString()))
        .body("cautions.find { it.id == 'very-demanding' }.appliesTo", equalTo("plank"))
        .body("cautions.find { it.id == 'stabilize-once-acute-pain-settles' && it.appliesTo == 'plank' }", not(nullValue()))
        .body("disclaimer", containsString("not a diagnosis"))
        .body("topics.id", org.hamcrest.Matchers.hasItems("disclaimer", "training-principles"))
        .body("topics.find { it.id == 'disclaimer' }.href", equalTo("/v1/topics/disclaimer"));
    plan("stability-routine", person("left", "pregnant", true)).statusCode(200)
        .body("cautions.find { it.id == 'lying-flat-late-pregnancy' }.ownReason", not(org.hamcrest.Matchers.blankOrNullString()))
        .body("cautions.find { it.id == 'lying-flat-late-pregnancy' }.sources", nullValue());
  }

  // ---------------------------------------------------------------- routines of the test's own

  /** An exercise with the given changes, created; returns its id. */
  private String add(String suffix, Object... changes) {
    Map<String, Object> e = exercise(m + "-" + suffix);
    for (int i = 0; i < changes.length; i += 2) {
      e.put((String) changes[i], changes[i + 1]);
    }
    create(e);
    return m + "-" + suffix;
  }

  @Test
  void missingEquipmentSwapsForTheEasiestFittingRegression() {
    String medium = add("medium", "difficulty", 2);
    String easiest = add("easiest", "difficulty", 1);
    String needsBand = add("banded", "difficulty", 1, "equipment", List.of("resistance_band"));
    String ball = add("ball", "difficulty", 3, "equipment", List.of("swiss_ball"), "regressions", List.of(medium, needsBand, easiest));
    createRoutine(routine(m, ball));
    plan(m, person("left", "equipment", List.of())).statusCode(200)
        .body("steps", hasSize(1))
        .body("steps[0].exercise.id", equalTo(easiest)).body("steps[0].replaces.id", equalTo(ball))
        .body("steps[0].sides", equalTo(List.of("both")))
        .body("adjustments[0].action", equalTo("substituted"))
        .body("adjustments[0].reasons", equalTo(List.of("missing_equipment")))
        .body("adjustments[0].message", containsString("swiss ball"));
    plan(m, person("left", "equipment", List.of("swiss_ball"))).statusCode(200)
        .body("steps[0].exercise.id", equalTo(ball)).body("adjustments", empty());
  }

  @Test
  void regressionsOfRegressionsAreConsideredToo() {
    String easy = add("easy", "difficulty", 1);
    String medium = add("medium", "difficulty", 3, "regressions", List.of(easy));
    String hard = add("hard", "difficulty", 5, "regressions", List.of(medium));
    createRoutine(routine(m, hard));
    plan(m, person("left", "maxDifficulty", 2)).statusCode(200).body("steps[0].exercise.id", equalTo(easy));
  }

  @Test
  void stepWithoutAFittingVariantIsLeftOutWithItsReasons() {
    String before = add("before");
    String hard = add("hard", "difficulty", 5, "equipment", List.of("couch"));
    createRoutine(routine(m, before, hard));
    plan(m, person("both", "maxDifficulty", 4, "equipment", List.of())).statusCode(200)
        .body("steps.exercise.id", equalTo(List.of(before)))
        .body("adjustments[0].action", equalTo("omitted"))
        .body("adjustments[0].replacement", nullValue())
        .body("adjustments[0].reasons", equalTo(List.of("missing_equipment", "too_difficult")))
        .body("adjustments[0].message", containsString("no easier variant"));
  }

  @Test
  void skipOnReliefCountsTheRoutinesOwnStepsNotThoseLeftAfterOmissions() {
    String first = add("first");
    String wall = add("wall", "equipment", List.of("wall"));
    String third = add("third");
    String fourth = add("fourth");
    Map<String, Object> r = routine(m, first, wall, third, fourth);
    @SuppressWarnings("unchecked")
    Map<String, Object> step = ((List<Map<String, Object>>) r.get("steps")).get(0);
    step.put("onRelief", Map.of("skipNext", 2));
    createRoutine(r);
    // The wall step is left out: "skip the next two" covers the third step only, never the fourth.
    plan(m, person("left", "equipment", List.of())).statusCode(200)
        .body("steps.exercise.id", equalTo(List.of(first, third, fourth)))
        .body("steps[0].onRelief.skipStepIndexes", equalTo(List.of(2)))
        .body("steps[0].onRelief.continueAtIndex", equalTo(3));
    // Nothing left out: both following steps are skipped.
    plan(m, person("left")).statusCode(200)
        .body("steps[0].onRelief.skipStepIndexes", equalTo(List.of(2, 3)))
        .body("steps[0].onRelief.continueAtIndex", equalTo(4));
  }

  @Test
  void skipToTheEndLeavesNothingToContinueWith() {
    String first = add("first");
    String second = add("second");
    Map<String, Object> r = routine(m, first, second);
    @SuppressWarnings("unchecked")
    Map<String, Object> step = ((List<Map<String, Object>>) r.get("steps")).get(0);
    step.put("onRelief", Map.of("skipNext", 1));
    createRoutine(r);
    plan(m, person("right")).statusCode(200)
        .body("steps[0].onRelief.skipStepIndexes", equalTo(List.of(2)))
        .body("steps[0].onRelief.continueAtIndex", nullValue())
        .body("steps[0].onRelief.instruction", containsString("finish here"));
  }

  @Test
  void stepOverridesReplaceTheExercisesLateralityAndDosageFields() {
    String bilateral = add("bilateral");
    Map<String, Object> r = routine(m, bilateral, bilateral);
    @SuppressWarnings("unchecked")
    Map<String, Object> step = ((List<Map<String, Object>>) r.get("steps")).get(1);
    step.put("laterality", Map.of("mode", "sore_side_only", "bothSore", "skip"));
    Map<String, Object> dosage = new LinkedHashMap<>();
    dosage.put("reps", Map.of("min", 3, "max", 3));
    dosage.put("note", "Only three here.");
    step.put("dosage", dosage);
    createRoutine(r);
    plan(m, person("right")).statusCode(200)
        .body("steps[0].sides", equalTo(List.of("both"))).body("steps[0].dosage.reps.min", equalTo(8))
        .body("steps[1].sides", equalTo(List.of("right")))
        .body("steps[1].dosage.reps.min", equalTo(3)).body("steps[1].dosage.reps.max", equalTo(3))
        .body("steps[1].dosage.perSide", equalTo(false)).body("steps[1].dosage.note", equalTo("Only three here."));
    plan(m, person("both")).statusCode(200).body("steps", hasSize(1)).body("adjustments[0].reasons", equalTo(List.of("both_sides_sore")));
  }

  @Test
  void retiredExerciseInARoutineIsSwappedOrLeftOut() {
    String easier = add("easier", "difficulty", 1);
    String retiring = add("retiring", "regressions", List.of(easier));
    String alone = add("alone");
    createRoutine(routine(m, retiring, alone));
    plan(m, person("left")).statusCode(200).body("steps.exercise.id", equalTo(List.of(retiring, alone))); // before: as written
    for (String id : List.of(retiring, alone)) {
      String etag = curator().when().get("/v1/exercises/" + id).then().extract().header("ETag");
      curator().header("If-Match", etag).when().delete("/v1/exercises/" + id).then().statusCode(200);
    }
    plan(m, person("left")).statusCode(200)
        .body("steps.exercise.id", equalTo(List.of(easier)))
        .body("adjustments.reasons", equalTo(List.of(List.of("retired"), List.of("retired"))))
        .body("adjustments.action", equalTo(List.of("substituted", "omitted")));
  }

  @Test
  void planRequestsAreChecked() {
    isProblem(plan("no-such-routine-" + m, person("left")), 404);
    badField(plan(SEQUENCE, person("left", "equipment", List.of("wall", "rope"))), "equipment[1]");
    badField(plan(SEQUENCE, Map.of("pregnant", false)), "soreSide");
    badField(plan(SEQUENCE, person("middle")), "soreSide");
    badField(plan(SEQUENCE, Map.of("soreSide", "left")), "pregnant");
    badField(plan(SEQUENCE, person("left", "pregnant", "yes")), "pregnant");
    badField(plan(SEQUENCE, person("left", "maxDifficulty", 0)), "maxDifficulty");
    badField(plan(SEQUENCE, person("left", "maxDifficulty", 6)), "maxDifficulty");
    badField(plan(SEQUENCE, person("left", "shoeSize", 42)), "shoeSize");
    badField(plan(SEQUENCE, person("left", "findings", List.of("headache"))), "findings[0]");
    badField(plan(SEQUENCE, person("left", "findings", List.of("pregnancy"))), "findings");
    isProblem(curator().contentType("application/json").body("{\"soreSide\":").when().post("/v1/routines/" + SEQUENCE + "/plan").then(), 400);
  }

  @Test
  void planningNeedsOnlyTheReadScopeAndStoresNothing() {
    String etag = curator().when().get("/v1/routines/" + SEQUENCE).then().extract().header("ETag");
    given().auth().oauth2(DevTokens.forTenant("t", "catalog:read"))
        .contentType("application/json").body(person("left")).when().post("/v1/routines/" + SEQUENCE + "/plan").then().statusCode(200);
    curator().when().get("/v1/routines/" + SEQUENCE).then().header("ETag", equalTo(etag)).body(not(containsString("Exception")));
  }
}
