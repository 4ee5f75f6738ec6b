package care.sij.catalog.domain;

import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.marker;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Topics are loaded like exercises: idempotently, edits applied, a topic removed from the file retired but still readable. */
@QuarkusTest
class TopicSeedLoaderTest {
  @Inject
  SeedLoader loader;

  @Inject
  Catalog catalog;

  private final String probe = marker();

  private static Topic probe(String id, String title) {
    return new Topic(id, title, "A probe topic.", List.of(new Topic.Section("Only", "A paragraph.")),
        List.of(new SourceRef("si-joint-back-in-place", "Understanding Sacroiliac Joint Dysfunction")), List.of("disclaimer"));
  }

  private SeedLoader.Changes load(Topic... extra) {
    SeedFiles.Seeds real = SeedFiles.fromClassPath();
    List<Topic> topics = new ArrayList<>(real.topics());
    topics.addAll(List.of(extra));
    SeedLoader.Changes changes = loader.apply(new SeedFiles.Seeds(real.sources(), real.exercises(), real.routines(), topics));
    catalog.reload();
    return changes;
  }

  private static String etag(String path) {
    return curator().when().get(path).then().statusCode(200).extract().header("ETag");
  }

  @Test
  void loadingTheSameTopicsAgainChangesNothing() {
    String disclaimer = etag("/v1/topics/disclaimer");
    long revision = catalog.current().revision();
    assertEquals(new SeedLoader.Changes(0, 0, 0), load());
    assertEquals(disclaimer, etag("/v1/topics/disclaimer"));
    assertEquals(revision, catalog.current().revision());
  }

  @Test
  void newEditedAndRemovedTopicsAreAppliedAsTheFileSays() {
    assertEquals(new SeedLoader.Changes(1, 0, 0), load(probe(probe, "Probe")));
    curator().when().get("/v1/topics/" + probe).then().statusCode(200).body("title", equalTo("Probe")).body("retired", equalTo(false));
    curator().when().get("/v1/topics?size=100").then().body("items.id", hasItem(probe));

    assertEquals(new SeedLoader.Changes(0, 1, 0), load(probe(probe, "Probe, edited")));
    curator().when().get("/v1/topics/" + probe).then().body("title", equalTo("Probe, edited"));

    assertEquals(new SeedLoader.Changes(0, 0, 1), load());
    curator().when().get("/v1/topics/" + probe).then().statusCode(200).body("retired", equalTo(true)).body("title", equalTo("Probe, edited"));
    curator().when().get("/v1/topics?size=100").then().body("items.id", not(hasItem(probe))).body("total", equalTo(10));
    assertEquals(new SeedLoader.Changes(0, 0, 0), load(), "retiring happens once");
  }
}
