package care.sij.catalog;

import static care.sij.catalog.Fixtures.create;
import static care.sij.catalog.Fixtures.createRoutine;
import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.exercise;
import static care.sij.catalog.Fixtures.isProblem;
import static care.sij.catalog.Fixtures.marker;
import static care.sij.catalog.Fixtures.routine;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import care.sij.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Curators create, replace and retire; replace and retire are conditional on the current ETag. */
@QuarkusTest
class CuratorWriteTest {
  private final String id = marker();

  private static ValidatableResponse put(String path, String ifMatch, Map<String, Object> body) {
    var request = curator().contentType("application/json").body(body);
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return request.when().put(path).then();
  }

  private static ValidatableResponse delete(String path, String ifMatch) {
    var request = curator();
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return request.when().delete(path).then();
  }

  private static String etagOf(String path) {
    return curator().when().get(path).then().statusCode(200).extract().header("ETag");
  }

  private static List<String> listed(String query) {
    return curator().when().get("/v1/exercises?size=100&q=" + query).then().extract().jsonPath().getList("items.id");
  }

  @Test
  void createdExerciseIsReadableListedAndAtItsLocation() {
    Map<String, Object> e = exercise(id);
    e.put("name", "Created " + id);
    ValidatableResponse created = curator().contentType("application/json").body(e).when().post("/v1/exercises").then()
        .statusCode(201).header("Location", endsWith("/v1/exercises/" + id)).body("id", equalTo(id)).body("retired", equalTo(false));
    String etag = created.extract().header("ETag");
    curator().when().get("/v1/exercises/" + id).then().statusCode(200).header("ETag", equalTo(etag)).body("name", equalTo("Created " + id));
    assertEquals(List.of(id), listed(id));
  }

  @Test
  void creatingAnExistingIdGets409AndChangesNothing() {
    String etag = create(exercise(id));
    Map<String, Object> again = exercise(id);
    again.put("name", "Second try");
    isProblem(curator().contentType("application/json").body(again).when().post("/v1/exercises").then(), 409)
        .body("errors.field", hasItem("id"));
    assertEquals(etag, etagOf("/v1/exercises/" + id));
  }

  @Test
  void replaceNeedsTheCurrentETag() {
    String etag = create(exercise(id));
    Map<String, Object> changed = exercise(id);
    changed.put("difficulty", 4);
    isProblem(put("/v1/exercises/" + id, null, changed), 428).body("errors.field", hasItem("If-Match"));
    isProblem(put("/v1/exercises/" + id, "\"stale\"", changed), 412).body("detail", containsString(etag));
    isProblem(put("/v1/exercises/" + id, "W/" + etag, changed), 412);
    assertEquals(etag, etagOf("/v1/exercises/" + id), "refused writes change nothing");

    String newEtag = put("/v1/exercises/" + id, etag, changed).statusCode(200).body("difficulty", equalTo(4)).extract().header("ETag");
    assertNotEquals(etag, newEtag);
    curator().when().get("/v1/exercises/" + id).then().header("ETag", equalTo(newEtag)).body("difficulty", equalTo(4));

    changed.put("difficulty", 5);
    isProblem(put("/v1/exercises/" + id, etag, changed), 412); // the old tag is stale now
    put("/v1/exercises/" + id, "\"other\", " + newEtag, changed).statusCode(200).body("difficulty", equalTo(5));
    changed.put("difficulty", 1);
    put("/v1/exercises/" + id, "*", changed).statusCode(200).body("difficulty", equalTo(1));
  }

  @Test
  void retireNeedsTheCurrentETagAndReplaceBringsItBack() {
    String etag = create(exercise(id));
    isProblem(delete("/v1/exercises/" + id, null), 428);
    isProblem(delete("/v1/exercises/" + id, "\"stale\""), 412);
    assertEquals(List.of(id), listed(id));

    String retiredEtag = delete("/v1/exercises/" + id, etag).statusCode(200).body("retired", equalTo(true)).extract().header("ETag");
    assertNotEquals(etag, retiredEtag);
    curator().when().get("/v1/exercises/" + id).then().statusCode(200).body("retired", equalTo(true)).header("ETag", equalTo(retiredEtag));
    assertEquals(List.of(), listed(id));

    put("/v1/exercises/" + id, retiredEtag, exercise(id)).statusCode(200).body("retired", equalTo(false));
    assertEquals(List.of(id), listed(id));
  }

  @Test
  void writesToUnknownIdsGet404() {
    isProblem(put("/v1/exercises/" + id, "*", exercise(id)), 404);
    isProblem(delete("/v1/exercises/" + id, "*"), 404);
    isProblem(put("/v1/routines/" + id, "*", routine(id, "pelvic-tilt")), 404);
    isProblem(delete("/v1/routines/" + id, "*"), 404);
  }

  @Test
  void exerciseLinkingToAnUnknownOrRetiredExerciseGets422NamingIt() {
    Map<String, Object> e = exercise(id);
    e.put("progressions", List.of("no-such-exercise-" + id));
    isProblem(curator().contentType("application/json").body(e).when().post("/v1/exercises").then(), 422)
        .body("errors.field", hasItem("progressions[0]"))
        .body("errors.message", hasItem(containsString("no-such-exercise-" + id)));
    e.put("progressions", List.of());
    e.put("sources", List.of("no-such-source"));
    isProblem(curator().contentType("application/json").body(e).when().post("/v1/exercises").then(), 422)
        .body("errors.field", hasItem("sources[0]"));

    String retired = id + "-old";
    delete("/v1/exercises/" + retired, create(exercise(retired))).statusCode(200);
    e.put("sources", List.of("si-joint-back-in-place"));
    e.put("regressions", List.of(retired));
    isProblem(curator().contentType("application/json").body(e).when().post("/v1/exercises").then(), 422)
        .body("errors.field", hasItem("regressions[0]"));
    isProblem(curator().when().get("/v1/exercises/" + id).then(), 404);
  }

  @Test
  void cautionsSayWhatTheyRestOnAndComeBackAsWritten() {
    Map<String, Object> e = exercise(id);
    Map<String, Object> both = Map.of("id", "both", "text", "Mind this.", "ownReason", "Ours.",
        "sources", List.of(Map.of("id", "si-joint-back-in-place", "locator", "Long-Term Stability and Prevention")));
    e.put("cautions", List.of(both));
    isProblem(curator().contentType("application/json").body(e).when().post("/v1/exercises").then(), 400)
        .body("errors.field", hasItem("cautions[0].ownReason"));
    e.put("cautions", List.of(Map.of("id", "neither", "text", "Mind this.")));
    isProblem(curator().contentType("application/json").body(e).when().post("/v1/exercises").then(), 400)
        .body("errors.field", hasItem("cautions[0].sources"));
    e.put("cautions", List.of(Map.of("id", "unknown", "text", "Mind this.",
        "sources", List.of(Map.of("id", "no-such-source", "locator", "Somewhere")))));
    isProblem(curator().contentType("application/json").body(e).when().post("/v1/exercises").then(), 422)
        .body("errors.field", hasItem("cautions[0].sources[0].id"));
    isProblem(curator().when().get("/v1/exercises/" + id).then(), 404);

    e.put("cautions", List.of(Map.of("id", "ours", "text", "Mind this.", "ownReason", "No source covers it.")));
    e.put("contraindications", List.of(Map.of("condition", "knee_pain", "note", "Kneels.",
        "sources", List.of(Map.of("id", "si-joint-back-in-place", "locator", "Long-Term Stability and Prevention")))));
    create(e);
    curator().when().get("/v1/exercises/" + id).then().statusCode(200)
        .body("cautions[0].ownReason", equalTo("No source covers it."))
        .body("contraindications[0].sources[0].locator", equalTo("Long-Term Stability and Prevention"));

    Map<String, Object> r = routine(id + "-r", id);
    @SuppressWarnings("unchecked") Map<String, Object> step = ((List<Map<String, Object>>) r.get("steps")).get(0);
    step.put("variantNotes", List.of(Map.of("exercise", "no-such-exercise", "note", "Instead.")));
    isProblem(curator().contentType("application/json").body(r).when().post("/v1/routines").then(), 422)
        .body("errors.field", hasItem("steps[0].variantNotes[0].exercise"));
  }

  @Test
  void routineNamingAnUnknownOrRetiredExerciseGets422NamingIt() {
    create(exercise(id));
    isProblem(curator().contentType("application/json").body(routine(id + "-r", id, "no-such-exercise")).when().post("/v1/routines").then(), 422)
        .body("errors.field", equalTo(List.of("steps[1].exercise")))
        .body("detail", containsString("no-such-exercise"));
    delete("/v1/exercises/" + id, etagOf("/v1/exercises/" + id)).statusCode(200);
    isProblem(curator().contentType("application/json").body(routine(id + "-r", "pelvic-tilt", id)).when().post("/v1/routines").then(), 422)
        .body("errors.field", equalTo(List.of("steps[1].exercise")));
    isProblem(curator().when().get("/v1/routines/" + id + "-r").then(), 404);
  }

  @Test
  void routineReplaceAndRetireAreConditionalToo() {
    create(exercise(id));
    String etag = createRoutine(routine(id, id));
    isProblem(put("/v1/routines/" + id, null, routine(id, id, id)), 428);
    isProblem(put("/v1/routines/" + id, "\"stale\"", routine(id, id, id)), 412);
    String newEtag = put("/v1/routines/" + id, etag, routine(id, id, id)).statusCode(200).extract().header("ETag");
    curator().when().get("/v1/routines/" + id).then().body("steps.exercise", equalTo(List.of(id, id)));
    isProblem(put("/v1/routines/" + id, etag, routine(id, id)), 412);
    isProblem(put("/v1/routines/" + id, newEtag, routine(id, "no-such-exercise")), 422);

    isProblem(delete("/v1/routines/" + id, null), 428);
    isProblem(delete("/v1/routines/" + id, etag), 412);
    delete("/v1/routines/" + id, newEtag).statusCode(200).body("retired", equalTo(true));
    curator().when().get("/v1/routines").then().body("id", not(hasItem(id)));
    curator().when().get("/v1/routines/" + id).then().statusCode(200).body("retired", equalTo(true));
    isProblem(curator().contentType("application/json").body(routine(id, id)).when().post("/v1/routines").then(), 409);
  }

  @Test
  void replaceMustNameTheSameIdAsThePath() {
    String etag = create(exercise(id));
    Fixtures.badField(put("/v1/exercises/" + id, etag, exercise(id + "-other")), "id");
    assertEquals(etag, etagOf("/v1/exercises/" + id));
  }

  @Test
  void writesNeedTheWriteScope() {
    String etag = create(exercise(id));
    var reader = RestAssured.given().auth().oauth2(DevTokens.forTenant("t", "catalog:read"));
    isProblem(reader.contentType("application/json").body(exercise(id + "-x")).when().post("/v1/exercises").then(), 403);
    isProblem(RestAssured.given().auth().oauth2(DevTokens.forTenant("t", "catalog:read")).header("If-Match", etag)
        .when().delete("/v1/exercises/" + id).then(), 403);
    isProblem(RestAssured.given().contentType("application/json").body(exercise(id + "-y")).when().post("/v1/exercises").then(), 401);
    assertEquals(etag, etagOf("/v1/exercises/" + id));
    isProblem(curator().when().get("/v1/exercises/" + id + "-x").then(), 404);
  }

  @Test
  void anotherTenantsWriteScopeChangesNothingInTheSharedCatalog() {
    String etag = create(exercise(id));
    var otherTenant = RestAssured.given().auth().oauth2(DevTokens.forTenant("acme", "catalog:read catalog:write"));
    isProblem(otherTenant.contentType("application/json").body(exercise(id + "-x")).when().post("/v1/exercises").then(), 403);
    isProblem(RestAssured.given().auth().oauth2(DevTokens.forTenant("acme", "catalog:read catalog:write")).header("If-Match", etag)
        .contentType("application/json").body(exercise(id)).when().put("/v1/exercises/" + id).then(), 403);
    isProblem(RestAssured.given().auth().oauth2(DevTokens.forTenant("acme", "catalog:read catalog:write")).header("If-Match", etag)
        .when().delete("/v1/exercises/" + id).then(), 403);
    assertEquals(etag, etagOf("/v1/exercises/" + id));
    isProblem(curator().when().get("/v1/exercises/" + id + "-x").then(), 404);
    RestAssured.given().auth().oauth2(DevTokens.forTenant("acme", "catalog:read")).when().get("/v1/exercises/" + id).then()
        .statusCode(200);
  }

  @Test
  void ofTwoConcurrentReplacesWithTheSameETagExactlyOneWins() throws Exception {
    String etag = create(exercise(id));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int difficulty : List.of(3, 4)) {
      Map<String, Object> changed = exercise(id);
      changed.put("difficulty", difficulty);
      results.add(pool.submit(() -> {
        start.await();
        return put("/v1/exercises/" + id, etag, changed).extract().statusCode();
      }));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (var result : results) {
      statuses.add(result.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    Collections.sort(statuses);
    assertEquals(List.of(200, 412), statuses);
  }

  @Test
  void replacingWithTheSameContentKeepsTheETag() {
    String etag = create(exercise(id));
    put("/v1/exercises/" + id, etag, exercise(id)).statusCode(200).header("ETag", equalTo(etag));
  }
}
