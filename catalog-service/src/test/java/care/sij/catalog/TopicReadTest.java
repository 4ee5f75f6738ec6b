package care.sij.catalog;

import static care.sij.catalog.Fixtures.badField;
import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.isProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.testsupport.DevTokens;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The education topics as the API serves them: all of them, with sources and locators; paging, caching, errors and access. */
@QuarkusTest
class TopicReadTest {
  /** The ids other services link to (triage pathways, plans): fixed. */
  private static final List<String> TOPIC_IDS = List.of("the-si-joint", "out-of-place", "too-much-or-too-little-motion", "symptom-pattern",
      "si-joint-pain-or-sciatica", "daily-habits", "training-principles", "when-to-seek-care", "who-can-help", "disclaimer");

  private static JsonPath get(String path) {
    return curator().when().get(path).then().statusCode(200).extract().jsonPath();
  }

  private static List<Map<String, Object>> seededTopics() throws IOException {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("seeds/catalog/topics.yaml")) {
      assertNotNull(in, "topics.yaml is not in the build");
      return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {});
    }
  }

  @Test
  void everySeedTopicIsServedWithItsSourcesAndLocators() throws IOException {
    List<Map<String, Object>> seeded = seededTopics();
    assertEquals(TOPIC_IDS, seeded.stream().map(t -> (String) t.get("id")).toList());
    Set<String> sources = new HashSet<>(get("/v1/sources").getList("id"));
    for (Map<String, Object> seed : seeded) {
      String id = (String) seed.get("id");
      String at = id + ": ";
      JsonPath t = get("/v1/topics/" + id);
      assertEquals(id, t.getString("id"));
      assertEquals(seed.get("title"), t.getString("title"), at + "title");
      assertEquals(seed.get("summary"), t.getString("summary"), at + "summary");
      assertEquals(seed.get("body"), t.getList("body"), at + "body, every section in order");
      assertFalse(t.getList("body").isEmpty(), at + "body");
      List<Map<String, String>> refs = t.getList("sources");
      assertEquals(seed.get("sources"), refs, at + "sources as the file gives them");
      assertFalse(refs.isEmpty(), at + "sources");
      for (Map<String, String> ref : refs) {
        assertTrue(sources.contains(ref.get("id")), at + "source " + ref.get("id") + " resolves");
        assertFalse(ref.get("locator").isBlank(), at + "locator");
      }
      for (String related : t.getList("related", String.class)) {
        assertTrue(TOPIC_IDS.contains(related), at + "related " + related);
      }
      assertFalse(t.getBoolean("retired"), at + "live");
    }
  }

  @Test
  void listingHasEveryTopicWithTitleAndSummary() {
    JsonPath page = get("/v1/topics");
    assertEquals(10, page.getInt("total"));
    assertEquals(20, page.getInt("size"));
    assertEquals(new HashSet<>(TOPIC_IDS), new HashSet<>(page.getList("items.id")));
    List<String> titles = page.getList("items.title");
    assertEquals(titles.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), titles, "by title");
    assertEquals(get("/v1/topics/disclaimer").getString("summary"),
        page.getString("items.find { it.id == 'disclaimer' }.summary"));
  }

  @Test
  void listingIsPagedWithLinks() {
    curator().when().get("/v1/topics?size=4").then().statusCode(200)
        .body("items", hasSize(4)).body("total", equalTo(10)).body("page", equalTo(1))
        .header("Link", containsString("page=2&size=4>; rel=\"next\""))
        .header("Link", containsString("page=3&size=4>; rel=\"last\""))
        .header("Link", not(containsString("rel=\"prev\"")));
    curator().when().get("/v1/topics?page=3&size=4").then().statusCode(200)
        .body("items", hasSize(2)).header("Link", containsString("page=2&size=4>; rel=\"prev\""));
    curator().when().get("/v1/topics?page=4&size=4").then().statusCode(200).body("items", hasSize(0)).body("total", equalTo(10));
  }

  @Test
  void pagingOutsideItsBoundsGets400NamingTheParameter() {
    badField(curator().when().get("/v1/topics?size=101").then(), "size");
    badField(curator().when().get("/v1/topics?size=0").then(), "size");
    badField(curator().when().get("/v1/topics?page=0").then(), "page");
    badField(curator().when().get("/v1/topics?page=first").then(), "page");
  }

  @Test
  void topicHasAStrongETagAndConditionalGet() {
    String etag = curator().when().get("/v1/topics/symptom-pattern").then().statusCode(200)
        .header("ETag", org.hamcrest.Matchers.matchesPattern("\"[A-Za-z0-9_-]+\""))
        .header("Cache-Control", equalTo("public, max-age=300")).extract().header("ETag");
    curator().header("If-None-Match", etag).when().get("/v1/topics/symptom-pattern").then().statusCode(304)
        .header("ETag", equalTo(etag)).body(emptyString());
    curator().header("If-None-Match", "\"older\"").when().get("/v1/topics/symptom-pattern").then().statusCode(200);
    assertFalse(etag.equals(curator().when().get("/v1/topics/disclaimer").then().extract().header("ETag")), "one tag per topic");
  }

  @Test
  void listingIsNotStored() {
    assertEquals(List.of("no-store"), curator().when().get("/v1/topics").then().statusCode(200).extract().headers().getValues("Cache-Control"));
  }

  @Test
  void unknownTopicGets404Problem() {
    isProblem(curator().when().get("/v1/topics/no-such-topic").then(), 404).body("detail", containsString("no-such-topic"));
  }

  @Test
  void badTopicIdGets400NamingTheParameter() {
    badField(curator().when().get("/v1/topics/Symptom_Pattern").then(), "id");
    badField(curator().when().get("/v1/topics/symptom--pattern").then(), "id");
    badField(curator().when().get("/v1/topics/" + "a".repeat(81)).then(), "id");
  }

  @Test
  void readsNeedATokenWithTheReadScope() {
    isProblem(given().when().get("/v1/topics").then(), 401);
    isProblem(given().when().get("/v1/topics/disclaimer").then(), 401);
    isProblem(given().auth().oauth2(DevTokens.forTenant("t", "progress:read")).when().get("/v1/topics/disclaimer").then(), 403);
    given().auth().oauth2(DevTokens.forTenant("any-tenant", "catalog:read")).when().get("/v1/topics/disclaimer").then().statusCode(200);
  }
}
