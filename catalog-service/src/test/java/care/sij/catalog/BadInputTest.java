package care.sij.catalog;

import static care.sij.catalog.Fixtures.badField;
import static care.sij.catalog.Fixtures.create;
import static care.sij.catalog.Fixtures.createRoutine;
import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.exercise;
import static care.sij.catalog.Fixtures.isProblem;
import static care.sij.catalog.Fixtures.marker;
import static care.sij.catalog.Fixtures.routine;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input of every kind gets a problem+json naming what is wrong, and leaves the catalog as it was. */
@QuarkusTest
class BadInputTest {
  private final String id = marker();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> body, String key) {
    return (Map<String, Object>) body.get(key);
  }

  private static Arguments bad(String field, Consumer<Map<String, Object>> change) {
    return Arguments.of(field, change);
  }

  static Stream<Arguments> badExercises() {
    return Stream.of(
        bad("colour", e -> e.put("colour", "red")),
        bad("retired", e -> e.put("retired", true)),
        bad("id", e -> e.put("id", "Not A Slug")),
        bad("id", e -> e.remove("id")),
        bad("name", e -> e.remove("name")),
        bad("name", e -> e.put("name", "  ")),
        bad("name", e -> e.put("name", "x".repeat(121))),
        bad("name", e -> e.put("name", 42)),
        bad("aliases[1]", e -> e.put("aliases", Arrays.asList("ok", null))),
        bad("category", e -> e.put("category", "yoga")),
        bad("goals", e -> e.put("goals", List.of())),
        bad("goals[0]", e -> e.put("goals", List.of("flying"))),
        bad("targets[0]", e -> e.put("targets", List.of("Gluteus Medius"))),
        bad("position", e -> e.remove("position")),
        bad("equipment[1]", e -> e.put("equipment", List.of("couch", "rope"))),
        bad("difficulty", e -> e.put("difficulty", "3")),
        bad("difficulty", e -> e.put("difficulty", 2.5)),
        bad("difficulty", e -> e.put("difficulty", 0)),
        bad("difficulty", e -> e.put("difficulty", 6)),
        bad("laterality", e -> e.remove("laterality")),
        bad("laterality.mode", e -> map(e, "laterality").put("mode", "sideways")),
        bad("laterality.bothSore", e -> e.put("laterality", Map.of("mode", "sore_side_only", "bothSore", "as_usual"))),
        bad("dosage.perSide", e -> map(e, "dosage").remove("perSide")),
        bad("dosage.reps.min", e -> map(e, "dosage").put("reps", Map.of("min", 0))),
        bad("dosage.reps.max", e -> map(e, "dosage").put("reps", Map.of("min", 5, "max", 2))),
        bad("dosage.holdSeconds.max", e -> map(e, "dosage").put("holdSeconds", Map.of("min", 5, "max", 99999))),
        bad("steps", e -> e.put("steps", List.of("One.", "Two."))),
        bad("steps[1]", e -> e.put("steps", List.of("One.", "", "Three."))),
        bad("steps", e -> e.put("steps", "Just do it.")),
        bad("safety", e -> e.put("safety", List.of())),
        bad("contraindications[0].condition", e -> e.put("contraindications", List.of(Map.of("note", "Why not.")))),
        bad("contraindications[0].condition", e -> e.put("contraindications", List.of(Map.of("condition", "tiredness", "note", "x")))),
        bad("progressions", e -> e.put("progressions", List.of(e.get("id")))),
        bad("sources", e -> e.put("sources", List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badExercises")
  void badExerciseIsRefusedNamingTheFieldAndNothingIsStored(String field, Consumer<Map<String, Object>> change) {
    Map<String, Object> body = exercise(id);
    change.accept(body);
    badField(curator().contentType("application/json").body(body).when().post("/v1/exercises").then(), field);
    isProblem(curator().when().get("/v1/exercises/" + id).then(), 404);

    if (field.equals("id")) {
      return; // on replace, a different id is its own case (CuratorWriteTest)
    }
    String etag = create(exercise(id));
    Map<String, Object> replacement = exercise(id);
    change.accept(replacement);
    badField(curator().header("If-Match", etag).contentType("application/json").body(replacement).when().put("/v1/exercises/" + id).then(), field);
    curator().when().get("/v1/exercises/" + id).then().statusCode(200).header("ETag", equalTo(etag));
  }

  static Stream<Arguments> badRoutines() {
    return Stream.of(
        bad("steps", r -> r.put("steps", List.of())),
        bad("steps[0].exercise", r -> r.put("steps", List.of(Map.of("exercise", "Not An Id")))),
        bad("steps[0].onRelief.skipNext", r -> r.put("steps", List.of(Map.of("exercise", "pelvic-tilt", "onRelief", Map.of("skipNext", 0))))),
        bad("steps[0].onRelief.skipNext", r -> r.put("steps", List.of(Map.of("exercise", "pelvic-tilt", "onRelief", Map.of("skipNext", 1))))),
        bad("steps[0].laterality.bothSore", r -> r.put("steps", List.of(Map.of("exercise", "pelvic-tilt",
            "laterality", Map.of("mode", "non_sore_side", "bothSore", "as_usual"))))),
        bad("steps[0].dosage.sets.max", r -> r.put("steps", List.of(Map.of("exercise", "pelvic-tilt",
            "dosage", Map.of("sets", Map.of("min", 3, "max", 1)))))),
        bad("pathway", r -> r.put("pathway", "flexibility")),
        bad("summary", r -> r.remove("summary")),
        bad("sources", r -> r.put("sources", "si-joint-back-in-place")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRoutines")
  void badRoutineIsRefusedNamingTheFieldAndNothingIsStored(String field, Consumer<Map<String, Object>> change) {
    Map<String, Object> body = routine(id, "pelvic-tilt");
    change.accept(body);
    badField(curator().contentType("application/json").body(body).when().post("/v1/routines").then(), field);
    isProblem(curator().when().get("/v1/routines/" + id).then(), 404);
  }

  @Test
  void malformedJsonIsRefused() {
    isProblem(curator().contentType("application/json").body("{\"id\": \"" + id + "\", ").when().post("/v1/exercises").then(), 400)
        .body("type", equalTo("https://sij.care/problems/malformed-json"));
    isProblem(curator().contentType("application/json").body("[]").when().post("/v1/exercises").then(), 400);
    isProblem(curator().contentType("application/json").body("").when().post("/v1/exercises").then(), 400);
    isProblem(curator().contentType("application/json").body("{\"id\":\"" + id + "\"} trailing").when().post("/v1/routines").then(), 400);
    isProblem(curator().when().get("/v1/exercises/" + id).then(), 404);
  }

  @Test
  void wrongMediaTypeGets415() {
    isProblem(curator().contentType("text/plain").body("id=" + id).when().post("/v1/exercises").then(), 415);
    isProblem(curator().when().get("/v1/exercises/" + id).then(), 404);
  }

  @Test
  void oversizedBodyGets413() {
    Map<String, Object> huge = exercise(id);
    huge.put("name", "x".repeat(1_100_000));
    isProblem(curator().contentType("application/json").body(huge).when().post("/v1/exercises").then(), 413);
    isProblem(curator().when().get("/v1/exercises/" + id).then(), 404);
  }

  @Test
  void refusedRoutineReplacementLeavesTheRoutineAsItWas() {
    String etag = createRoutine(routine(id, "pelvic-tilt"));
    Map<String, Object> bad = routine(id, "pelvic-tilt");
    bad.put("steps", new ArrayList<>());
    badField(curator().header("If-Match", etag).contentType("application/json").body(bad).when().put("/v1/routines/" + id).then(), "steps");
    Map<String, Object> unknown = routine(id, "no-such-exercise");
    isProblem(curator().header("If-Match", etag).contentType("application/json").body(unknown).when().put("/v1/routines/" + id).then(), 422);
    assertEquals(etag, curator().when().get("/v1/routines/" + id).then().statusCode(200).extract().header("ETag"));
  }

  @Test
  void severalBadFieldsAreNamedTogether() {
    Map<String, Object> body = exercise(id);
    body.put("difficulty", 9);
    body.put("steps", List.of("Only one."));
    body.remove("name");
    List<String> fields = curator().contentType("application/json").body(body).when().post("/v1/exercises")
        .then().statusCode(400).extract().jsonPath().getList("errors.field");
    assertEquals(List.of("difficulty", "name", "steps"), fields);
  }

  @Test
  void unknownQueryParametersDoNotBreakReads() {
    curator().when().get("/v1/exercises?colour=red").then().statusCode(200);
  }
}
