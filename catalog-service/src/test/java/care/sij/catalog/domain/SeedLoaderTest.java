package care.sij.catalog.domain;

import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.marker;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import care.sij.catalog.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Loading seeds again, as every restart and every replica does. The real seed files plus one probe
 * entry of the test's own, so that editing and removing it touches nothing else.
 */
@QuarkusTest
class SeedLoaderTest {
  @Inject
  SeedLoader loader;

  @Inject
  Catalog catalog;

  private final String probe = marker();

  private static Exercise probe(String id, String name) {
    return new Exercise(id, name, List.of("seed probe"), Exercise.Category.stretch, List.of(Exercise.Goal.flexibility),
        List.of("hamstrings"), Exercise.Position.supine, List.of(), 1,
        new Exercise.Laterality(Exercise.LateralityMode.each_side, Exercise.BothSore.as_usual),
        new Exercise.Dosage(null, new Exercise.Range(2, 3), null, null, null, null, true, null),
        List.of("One.", "Two.", "Three."), List.of("Slowly."), List.of("Stop if it hurts."), List.of(), List.of(), List.of(), List.of(),
        List.of("si-joint-back-in-place"));
  }

  private SeedLoader.Changes load(Exercise... extra) {
    SeedFiles.Seeds real = SeedFiles.fromClassPath();
    List<Exercise> exercises = new ArrayList<>(real.exercises());
    exercises.addAll(List.of(extra));
    SeedLoader.Changes changes = loader.apply(new SeedFiles.Seeds(real.sources(), exercises, real.routines(), real.topics()));
    catalog.reload();
    return changes;
  }

  private static String etag(String path) {
    return curator().when().get(path).then().statusCode(200).extract().header("ETag");
  }

  @Test
  void loadingTheSameSeedsAgainChangesNothing() {
    String plank = etag("/v1/exercises/plank");
    String sequence = etag("/v1/routines/si-mobilization-sequence");
    long revision = catalog.current().revision();
    assertEquals(new SeedLoader.Changes(0, 0, 0), load());
    assertEquals(plank, etag("/v1/exercises/plank"));
    assertEquals(sequence, etag("/v1/routines/si-mobilization-sequence"));
    assertEquals(revision, catalog.current().revision());
  }

  @Test
  void newEditedRemovedAndReturningEntriesAreAppliedAsTheFileSays() {
    assertEquals(new SeedLoader.Changes(1, 0, 0), load(probe(probe, "Probe")));
    curator().when().get("/v1/exercises/" + probe).then().body("name", equalTo("Probe")).body("retired", equalTo(false));
    assertEquals(new SeedLoader.Changes(0, 0, 0), load(probe(probe, "Probe")));

    assertEquals(new SeedLoader.Changes(0, 1, 0), load(probe(probe, "Probe, edited")));
    curator().when().get("/v1/exercises/" + probe).then().body("name", equalTo("Probe, edited"));

    assertEquals(new SeedLoader.Changes(0, 0, 1), load());
    curator().when().get("/v1/exercises/" + probe).then().statusCode(200).body("retired", equalTo(true));
    curator().when().get("/v1/exercises?size=100&q=" + probe).then().body("items.id", not(hasItem(probe)));
    assertEquals(new SeedLoader.Changes(0, 0, 0), load(), "retiring happens once");

    assertEquals(new SeedLoader.Changes(0, 1, 0), load(probe(probe, "Probe, edited")));
    curator().when().get("/v1/exercises/" + probe).then().body("retired", equalTo(false));
    load(); // leave it retired for the other tests
  }

  @Test
  void curatorsEditOfASeededEntrySurvivesARestart() {
    load(probe(probe, "Probe"));
    Map<String, Object> edited = Fixtures.exercise(probe);
    edited.put("name", "Curated");
    curator().header("If-Match", etag("/v1/exercises/" + probe)).contentType("application/json").body(edited)
        .when().put("/v1/exercises/" + probe).then().statusCode(200);
    assertEquals(new SeedLoader.Changes(0, 0, 0), load(probe(probe, "Probe")));
    curator().when().get("/v1/exercises/" + probe).then().body("name", equalTo("Curated"));
    load();
  }
}
