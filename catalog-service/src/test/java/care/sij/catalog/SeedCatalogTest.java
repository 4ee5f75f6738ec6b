package care.sij.catalog;

import static care.sij.catalog.Fixtures.curator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seeded content, as the API serves it: every entry valid and complete, and findable by every name it has. */
@QuarkusTest
class SeedCatalogTest {

  private static List<Map<String, Object>> seed(String file) throws IOException {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(file)) {
      assertNotNull(in, file + " is not in the build");
      return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {});
    }
  }

  private static List<String> ids(List<Map<String, Object>> entries) {
    return entries.stream().map(e -> (String) e.get("id")).toList();
  }

  private static JsonPath get(String path) {
    return curator().when().get(path).then().statusCode(200).extract().jsonPath();
  }

  private static Set<String> sourceIds() {
    return new HashSet<>(get("/v1/sources").getList("id"));
  }

  /** Every page of the listing: other tests add exercises of their own, so one page may not hold the seeds. */
  private static List<String> listedIds(String query) {
    List<String> ids = new ArrayList<>();
    for (int page = 1; ; page++) {
      List<String> items = get("/v1/exercises?size=100&page=" + page + query).getList("items.id");
      ids.addAll(items);
      if (items.size() < 100) {
        return ids;
      }
    }
  }

  @Test
  void everySeedExerciseIsServedValidAndComplete() throws IOException {
    List<String> seeded = ids(seed("seeds/catalog/exercises.yaml"));
    assertTrue(seeded.size() >= 27, "the catalog covers every movement of the four articles");
    Set<String> sources = sourceIds();
    List<String> listed = listedIds("");
    for (String id : seeded) {
      JsonPath e = get("/v1/exercises/" + id);
      String at = id + ": ";
      assertEquals(id, e.getString("id"));
      assertFalse(e.getString("name").isBlank(), at + "name");
      assertFalse(e.getList("aliases").isEmpty(), at + "aliases");
      assertNotNull(e.getString("category"), at + "category");
      assertFalse(e.getList("goals").isEmpty(), at + "goals");
      assertFalse(e.getList("targets").isEmpty(), at + "targets");
      assertNotNull(e.getString("position"), at + "position");
      assertNotNull(e.getList("equipment"), at + "equipment");
      int difficulty = e.getInt("difficulty");
      assertTrue(difficulty >= 1 && difficulty <= 5, at + "difficulty");
      assertNotNull(e.getString("laterality.mode"), at + "laterality.mode");
      assertNotNull(e.getString("laterality.bothSore"), at + "laterality.bothSore");
      assertNotNull(e.get("dosage.perSide"), at + "dosage.perSide");
      assertTrue(e.getList("steps").size() >= 3, at + "at least three steps");
      assertFalse(e.getList("cues").isEmpty(), at + "cues");
      assertFalse(e.getList("safety").isEmpty(), at + "safety");
      assertNotNull(e.getList("contraindications"), at + "contraindications");
      assertFalse(e.getList("sources").isEmpty(), at + "sources");
      assertTrue(sources.containsAll(e.getList("sources")), at + "every source resolves");
      assertFalse(e.getBoolean("retired"), at + "live");
      assertTrue(listed.contains(id), at + "listed");
      for (String progression : e.getList("progressions", String.class)) {
        assertTrue(get("/v1/exercises/" + progression).getList("regressions").contains(id), at + "mirrored by " + progression);
      }
      for (String regression : e.getList("regressions", String.class)) {
        assertTrue(get("/v1/exercises/" + regression).getList("progressions").contains(id), at + "mirrored by " + regression);
      }
    }
  }

  @Test
  void harderAndEasierVariantsAreLinked() {
    assertEquals(List.of("hip-thrust"), get("/v1/exercises/glute-bridge").getList("progressions"));
    assertEquals(List.of("glute-bridge"), get("/v1/exercises/hip-thrust").getList("regressions"));
    assertEquals(List.of("banded-hip-thrust"), get("/v1/exercises/hip-thrust").getList("progressions"));
    assertEquals(List.of("knee-plank"), get("/v1/exercises/plank").getList("regressions"));
  }

  @Test
  void everySeedRoutineIsServedAndNamesLiveExercises() throws IOException {
    List<String> seeded = ids(seed("seeds/catalog/routines.yaml"));
    assertTrue(seeded.containsAll(List.of("si-mobilization-sequence", "mobility-routine", "stability-routine", "hinge-nine-exercises")));
    Set<String> sources = sourceIds();
    List<String> listed = get("/v1/routines").getList("id");
    for (String id : seeded) {
      JsonPath r = get("/v1/routines/" + id);
      assertTrue(listed.contains(id), id + " listed");
      assertFalse(r.getString("summary").isBlank(), id + " summary");
      assertTrue(sources.containsAll(r.getList("sources")), id + " sources resolve");
      for (String exercise : r.getList("steps.exercise", String.class)) {
        curator().when().get("/v1/exercises/" + exercise).then().statusCode(200).body("retired", equalTo(false));
      }
    }
    assertEquals(9, get("/v1/routines/hinge-nine-exercises").getList("steps").size());
  }

  @Test
  void searchByEveryNameAndAliasFindsTheExercise() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> seedEntry : seed("seeds/catalog/exercises.yaml")) {
      String id = (String) seedEntry.get("id");
      List<String> names = new ArrayList<>();
      names.add((String) seedEntry.get("name"));
      @SuppressWarnings("unchecked")
      List<String> aliases = (List<String>) seedEntry.get("aliases");
      names.addAll(aliases);
      for (String name : names) {
        List<String> found = curator().queryParam("q", name).queryParam("size", 100).when().get("/v1/exercises")
            .then().statusCode(200).extract().jsonPath().getList("items.id");
        if (!found.contains(id)) {
          missing.add(id + " by '" + name + "'");
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void sourcesAreTheFourArticlesWithTheirStudies() throws IOException {
    List<String> seeded = ids(seed("seeds/sources.yaml"));
    assertTrue(sourceIds().containsAll(seeded));
    JsonPath hinge = get("/v1/sources/hinge-health-nine-exercises");
    assertEquals("Hinge Health", hinge.getString("publisher"));
    assertEquals(3, hinge.getList("studies").size());
    assertEquals("Vreni Gurd", get("/v1/sources/power-of-motion-mobilization").getString("author"));
  }
}
