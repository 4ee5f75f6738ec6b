package care.sij.catalog;

import static care.sij.catalog.Fixtures.badField;
import static care.sij.catalog.Fixtures.create;
import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.exercise;
import static care.sij.catalog.Fixtures.marker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Full-text search and filters over each test's own exercises, found by a marker word in their names. */
@QuarkusTest
class ExerciseSearchTest {
  private final String marker = marker();

  private String add(String suffix, Map<String, Object> changes) {
    String id = marker + "-" + suffix;
    Map<String, Object> e = exercise(id);
    e.put("name", "Test " + marker + " " + suffix);
    e.putAll(changes);
    create(e);
    return id;
  }

  private static List<String> search(String query) {
    return curator().when().get("/v1/exercises?size=100&" + query).then().statusCode(200).extract().jsonPath().getList("items.id");
  }

  /** The ids of this test's exercises that the filter lets through. */
  private Set<String> mine(String filter) {
    return new TreeSet<>(search("q=" + marker + "&" + filter));
  }

  @Test
  void searchIgnoresCaseSpacesAndPunctuation() {
    String clam = add("clam", Map.of("name", "Clamshell " + marker, "aliases", List.of("Side-lying wobble-knee")));
    for (String q : List.of("clamshell", "clam shell", "clam-shell", "CLAM_SHELL", "Clam, Shell!", "wobble knee", "sidelying", "Wobble-Knee")) {
      List<String> found = curator().queryParam("q", q).queryParam("size", 100).when().get("/v1/exercises")
          .then().statusCode(200).extract().jsonPath().getList("items.id");
      assertTrue(found.contains(clam), "q=" + q);
    }
  }

  @Test
  void searchLooksAtTargetsAndGoalsToo() {
    String id = add("glute", Map.of("targets", List.of("gluteus_medius"), "goals", List.of("hip_strength")));
    add("other", Map.of());
    assertEquals(Set.of(id), new TreeSet<>(search("q=" + marker + "+gluteus+medius")));
    assertEquals(Set.of(id), new TreeSet<>(search("q=" + marker + "+hip+strength")));
  }

  @Test
  void wordsMayComeInAnyOrderAndAllMustMatch() {
    String id = add("bridge", Map.of("name", "Bridge hold " + marker));
    assertTrue(search("q=hold+bridge+" + marker).contains(id));
    assertEquals(List.of(), search("q=" + marker + "+nosuchword"));
  }

  @Test
  void exactNameRanksFirst() {
    add("a", Map.of("name", marker + " extra words"));
    String exact = add("b", Map.of("name", marker));
    assertEquals(exact, search("q=" + marker).get(0));
  }

  @Test
  void categoryFilter() {
    String stretch = add("s", Map.of("category", "stretch"));
    add("m", Map.of("category", "mobilization"));
    assertEquals(Set.of(stretch), mine("category=stretch"));
  }

  @Test
  void goalFilter() {
    String tension = add("t", Map.of("goals", List.of("muscle_tension", "flexibility")));
    add("c", Map.of("goals", List.of("core_strength")));
    assertEquals(Set.of(tension), mine("goal=flexibility"));
  }

  @Test
  void positionFilter() {
    String kneeling = add("k", Map.of("position", "kneeling"));
    add("s", Map.of("position", "standing"));
    assertEquals(Set.of(kneeling), mine("position=kneeling"));
  }

  @Test
  void lateralityFilter() {
    String sore = add("sore", Map.of("laterality", Map.of("mode", "sore_side_only", "bothSore", "skip")));
    add("both", Map.of());
    assertEquals(Set.of(sore), mine("laterality=sore_side_only"));
  }

  @Test
  void maxDifficultyKeepsThatHardOrEasier() {
    String easy = add("easy", Map.of("difficulty", 1));
    String medium = add("medium", Map.of("difficulty", 3));
    add("hard", Map.of("difficulty", 5));
    assertEquals(new TreeSet<>(Set.of(easy, medium)), mine("maxDifficulty=3"));
    assertEquals(Set.of(easy), mine("maxDifficulty=1"));
  }

  @Test
  void equipmentMeansWhatIHave() {
    String nothing = add("nothing", Map.of("equipment", List.of()));
    String couch = add("couch", Map.of("equipment", List.of("couch")));
    String couchAndBand = add("band", Map.of("equipment", List.of("couch", "resistance_band")));
    assertEquals(new TreeSet<>(Set.of(nothing, couch)), mine("equipment=couch"));
    assertEquals(new TreeSet<>(Set.of(nothing, couch, couchAndBand)), mine("equipment=couch&equipment=resistance_band&equipment=chair"));
    assertEquals(Set.of(nothing), mine("equipment=chair"));
    assertEquals(Set.of(nothing), mine("equipment=none"));
    assertEquals(new TreeSet<>(Set.of(nothing, couch, couchAndBand)), mine(""));
  }

  @Test
  void filtersCombine() {
    String match = add("match", Map.of("category", "stretch", "difficulty", 1, "position", "seated", "equipment", List.of("chair")));
    add("hard", Map.of("category", "stretch", "difficulty", 4, "position", "seated", "equipment", List.of("chair")));
    add("lying", Map.of("category", "stretch", "difficulty", 1, "position", "supine"));
    assertEquals(Set.of(match), mine("category=stretch&maxDifficulty=2&position=seated&equipment=chair"));
  }

  @Test
  void retiredExercisesAreNotListedFromTheMomentTheyAreRetired() {
    String kept = add("kept", Map.of());
    String retired = add("retired", Map.of());
    assertEquals(Set.of(kept, retired), mine("")); // the same search after the write must not be served from before it
    String etag = curator().when().get("/v1/exercises/" + retired).then().extract().header("ETag");
    curator().header("If-Match", etag).when().delete("/v1/exercises/" + retired).then().statusCode(200);
    assertEquals(Set.of(kept), mine(""));
  }

  @Test
  void unknownFilterValuesGet400NamingTheParameter() {
    badField(curator().when().get("/v1/exercises?category=yoga").then(), "category");
    badField(curator().when().get("/v1/exercises?goal=flying").then(), "goal");
    badField(curator().when().get("/v1/exercises?position=upside_down").then(), "position");
    badField(curator().when().get("/v1/exercises?laterality=left").then(), "laterality");
    badField(curator().when().get("/v1/exercises?equipment=couch&equipment=rope").then(), "equipment");
    badField(curator().when().get("/v1/exercises?equipment=none&equipment=couch").then(), "equipment");
    badField(curator().when().get("/v1/exercises?maxDifficulty=6").then(), "maxDifficulty");
    badField(curator().when().get("/v1/exercises?maxDifficulty=0").then(), "maxDifficulty");
    badField(curator().when().get("/v1/exercises?maxDifficulty=easy").then(), "maxDifficulty");
    badField(curator().when().get("/v1/exercises?q=" + "x".repeat(201)).then(), "q");
    badField(curator().when().get("/v1/exercises?page=first").then(), "page");
    badField(curator().when().get("/v1/exercises?page=0").then(), "page");
    badField(curator().when().get("/v1/exercises?size=101").then(), "size");
    badField(curator().when().get("/v1/topics?size=many").then(), "size");
  }

  @Test
  void equipmentGivenMoreTimesThanThereAreKindsGets400() {
    assertEquals(care.sij.catalog.api.EquipmentAtHand.values().length, care.sij.catalog.api.ExerciseResource.MAX_EQUIPMENT);
    badField(curator().when().get("/v1/exercises?" + "equipment=couch&".repeat(care.sij.catalog.api.ExerciseResource.MAX_EQUIPMENT + 1)).then(), "equipment");
    curator().when().get("/v1/exercises?" + "equipment=couch&".repeat(care.sij.catalog.api.ExerciseResource.MAX_EQUIPMENT)).then().statusCode(200);
  }
}
