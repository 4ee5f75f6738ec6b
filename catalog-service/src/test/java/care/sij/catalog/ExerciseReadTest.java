package care.sij.catalog;

import static care.sij.catalog.Fixtures.create;
import static care.sij.catalog.Fixtures.createRoutine;
import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.exercise;
import static care.sij.catalog.Fixtures.isProblem;
import static care.sij.catalog.Fixtures.marker;
import static care.sij.catalog.Fixtures.routine;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import care.sij.testsupport.DevTokens;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading one exercise or routine: strong ETags, conditional GETs, caching, retired entries, unknown ids. */
@QuarkusTest
class ExerciseReadTest {
  private final String id = marker();

  @CacheName("rendered-exercises")
  Cache rendered;

  @Test
  void aChangedCatalogDropsTheJsonRenderedFromTheOldOne() {
    create(exercise(id));
    curator().when().get("/v1/exercises/" + id).then().statusCode(200);
    assertNotEquals(0, rendered.as(CaffeineCache.class).keySet().size(), "a read keeps its JSON");
    create(exercise(id + "-other"));
    assertEquals(0, rendered.as(CaffeineCache.class).keySet().size(), "the write made a new snapshot");
    curator().when().get("/v1/exercises/" + id).then().statusCode(200).body("id", equalTo(id));
  }

  @Test
  void exerciseHasAStrongETagAndPublicCaching() {
    String created = create(exercise(id));
    curator().when().get("/v1/exercises/" + id).then().statusCode(200)
        .header("ETag", equalTo(created))
        .header("ETag", matchesPattern("\"[A-Za-z0-9_-]+\""))
        .header("Cache-Control", equalTo("public, max-age=300"))
        .body("id", equalTo(id)).body("retired", equalTo(false));
  }

  @Test
  void currentETagInIfNoneMatchGets304WithoutBody() {
    String etag = create(exercise(id));
    curator().header("If-None-Match", etag).when().get("/v1/exercises/" + id).then().statusCode(304)
        .header("ETag", equalTo(etag)).header("Cache-Control", equalTo("public, max-age=300")).body(emptyString());
    curator().header("If-None-Match", "\"older\", " + etag).when().get("/v1/exercises/" + id).then().statusCode(304);
    curator().header("If-None-Match", "W/" + etag).when().get("/v1/exercises/" + id).then().statusCode(304);
    curator().header("If-None-Match", "*").when().get("/v1/exercises/" + id).then().statusCode(304);
    curator().header("If-None-Match", "\"older\"").when().get("/v1/exercises/" + id).then().statusCode(200).body("id", equalTo(id));
  }

  @Test
  void eTagChangesWithTheContentOnly() {
    String etag = create(exercise(id));
    assertEquals(etag, curator().when().get("/v1/exercises/" + id).then().extract().header("ETag"), "same content, same tag");
    Map<String, Object> renamed = exercise(id);
    renamed.put("name", "Renamed");
    String newEtag = curator().header("If-Match", etag).contentType("application/json").body(renamed)
        .when().put("/v1/exercises/" + id).then().statusCode(200).extract().header("ETag");
    assertNotEquals(etag, newEtag);
    curator().header("If-None-Match", etag).when().get("/v1/exercises/" + id).then().statusCode(200).body("name", equalTo("Renamed"));
  }

  private static List<String> cacheControl(ValidatableResponse response) {
    return response.extract().headers().getValues("Cache-Control");
  }

  @Test
  void sharedReadsByIdAloneMayBeCachedEverythingElseIsNoStore() {
    String etag = create(exercise(id));
    createRoutine(routine(id + "-r", id));
    List<String> shared = List.of("public, max-age=300");
    assertEquals(shared, cacheControl(curator().when().get("/v1/exercises/" + id).then().statusCode(200)));
    assertEquals(shared, cacheControl(curator().header("If-None-Match", etag).when().get("/v1/exercises/" + id).then().statusCode(304)));
    assertEquals(shared, cacheControl(curator().when().get("/v1/routines/" + id + "-r").then().statusCode(200)));

    List<String> noStore = List.of("no-store");
    assertEquals(noStore, cacheControl(curator().when().get("/v1/exercises?q=" + id).then().statusCode(200)));
    assertEquals(noStore, cacheControl(curator().when().get("/v1/routines").then().statusCode(200)));
    assertEquals(noStore, cacheControl(curator().contentType("application/json").body(Map.of("soreSide", "left", "pregnant", true))
        .when().post("/v1/routines/" + id + "-r/plan").then().statusCode(200)), "a plan is one person's");
    assertEquals(noStore, cacheControl(curator().contentType("application/json").body(exercise(id + "b"))
        .when().post("/v1/exercises").then().statusCode(201)));
    assertEquals(noStore, cacheControl(isProblem(curator().when().get("/v1/exercises/no-such-" + id).then(), 404)));
  }

  @Test
  void retiredExerciseIsStillReadable() {
    String etag = create(exercise(id));
    curator().header("If-Match", etag).when().delete("/v1/exercises/" + id).then().statusCode(200).body("retired", equalTo(true));
    curator().when().get("/v1/exercises/" + id).then().statusCode(200).body("retired", equalTo(true)).body("name", equalTo("Exercise " + id));
  }

  @Test
  void unknownIdsGet404Problems() {
    isProblem(curator().when().get("/v1/exercises/no-such-" + id).then(), 404);
    isProblem(curator().when().get("/v1/routines/no-such-" + id).then(), 404);
    isProblem(curator().when().get("/v1/sources/no-such-" + id).then(), 404);
  }

  @Test
  void routineHasAStrongETagAndConditionalGet() {
    create(exercise(id));
    String etag = createRoutine(routine(id + "-r", id));
    curator().when().get("/v1/routines/" + id + "-r").then().statusCode(200)
        .header("ETag", equalTo(etag)).header("Cache-Control", equalTo("public, max-age=300"))
        .body("steps[0].exercise", equalTo(id));
    curator().header("If-None-Match", etag).when().get("/v1/routines/" + id + "-r").then().statusCode(304);
  }

  @Test
  void readsNeedTheReadScope() {
    create(exercise(id));
    isProblem(given().auth().oauth2(DevTokens.forTenant("t", "progress:read"))
        .when().get("/v1/exercises/" + id).then(), 403);
    isProblem(given().when().get("/v1/exercises").then(), 401);
  }
}
