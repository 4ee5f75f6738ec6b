package care.sij.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import care.sij.testsupport.DevTokens;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds each test's own catalog entries through the API, and the checks the tests share. */
public final class Fixtures {
  private Fixtures() {}

  /** A curator: may read and write. */
  public static RequestSpecification curator() {
    return given().auth().oauth2(DevTokens.forTenant(DevTokens.CURATOR_TENANT, "catalog:read catalog:write"));
  }

  /** A unique lower-case word, to find a test's own entries by search and to name their ids. */
  public static String marker() {
    // consonants only, one for each hex digit: no search word of a test can hide in it ("hip" did)
    String letters = "bcdfgjklmnpqrstv";
    StringBuilder id = new StringBuilder("zq");
    for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 12).toCharArray()) {
      id.append(letters.charAt(Character.digit(c, 16)));
    }
    return id.toString();
  }

  /** A complete, valid exercise body; tests change what they need. */
  public static Map<String, Object> exercise(String id) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", id);
    e.put("name", "Exercise " + id);
    e.put("aliases", new ArrayList<>(List.of("alias of " + id)));
    e.put("category", "stabilization");
    e.put("goals", new ArrayList<>(List.of("core_strength")));
    e.put("targets", new ArrayList<>(List.of("core")));
    e.put("position", "supine");
    e.put("equipment", new ArrayList<>());
    e.put("difficulty", 2);
    e.put("laterality", new LinkedHashMap<>(Map.of("mode", "bilateral", "bothSore", "as_usual")));
    Map<String, Object> dosage = new LinkedHashMap<>();
    dosage.put("reps", new LinkedHashMap<>(Map.of("min", 8, "max", 12)));
    dosage.put("perSide", false);
    e.put("dosage", dosage);
    e.put("steps", new ArrayList<>(List.of("Get into position.", "Do the movement slowly.", "Come back and rest.")));
    e.put("cues", new ArrayList<>(List.of("Breathe evenly.")));
    e.put("safety", new ArrayList<>(List.of("Stop if the pain turns sharp.")));
    e.put("contraindications", new ArrayList<>());
    e.put("progressions", new ArrayList<>());
    e.put("regressions", new ArrayList<>());
    e.put("sources", new ArrayList<>(List.of("si-joint-back-in-place")));
    return e;
  }

  /** A valid routine doing the given exercises in order. */
  public static Map<String, Object> routine(String id, String... exercises) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", id);
    r.put("name", "Routine " + id);
    r.put("summary", "A routine built by a test.");
    r.put("pathway", "stability");
    r.put("sources", new ArrayList<>(List.of("si-joint-back-in-place")));
    List<Map<String, Object>> steps = new ArrayList<>();
    for (String exercise : exercises) {
      steps.add(new LinkedHashMap<>(Map.of("exercise", exercise)));
    }
    r.put("steps", steps);
    return r;
  }

  /** Creates the exercise and returns its ETag. */
  public static String create(Map<String, Object> exercise) {
    return curator().contentType("application/json").body(exercise).when().post("/v1/exercises")
        .then().statusCode(201).extract().header("ETag");
  }

  /** Creates the routine and returns its ETag. */
  public static String createRoutine(Map<String, Object> routine) {
    return curator().contentType("application/json").body(routine).when().post("/v1/routines")
        .then().statusCode(201).extract().header("ETag");
  }

  public static ValidatableResponse isProblem(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("type", containsString("https://sij.care/problems/"))
        .body(not(containsString("Exception")));
  }

  /** 400 problem naming the field (a JSON path or a parameter name). */
  public static ValidatableResponse badField(ValidatableResponse response, String field) {
    return isProblem(response, 400).body("errors.field", hasItem(field));
  }
}
