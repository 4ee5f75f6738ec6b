package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.testsupport.DevTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RuleSetApiTest {
  /** The education topics catalog-service serves under /v1/topics/{id}: its seed file, in the same repository. */
  private static final Set<String> CATALOG_TOPICS = catalogTopics();

  private static Set<String> catalogTopics() {
    try {
      Set<String> ids = new TreeSet<>();
      new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "seeds", "catalog", "topics.yaml").toFile())
          .forEach(t -> ids.add(t.path("id").asText()));
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RequestSpecification reader() {
    return given().auth().oauth2(DevTokens.forTenant("clinic", "triage:read"));
  }

  @Test
  void currentRuleSetIsReadableWithReasonsLocatedSourcesAndCautiousReadings() {
    reader().when().get("/v1/rulesets/current").then().statusCode(200)
        .body("version", equalTo("2"))
        .body("rules.find { it.id == 'saddle-numbness' }.disposition", equalTo("emergency"))
        .body("rules.find { it.id == 'saddle-numbness' }.reason", notNullValue())
        .body("rules.find { it.id == 'saddle-numbness' }.sources.id", hasItem("finucane-2020-red-flags"))
        .body("rules.sources.flatten().locator", everyItem(notNullValue()))
        .body("rules.find { it.id == 'persistent-pain' }.cautiousReading", notNullValue())
        .body("rules.find { it.id == 'constant-pain' }.cautiousReading", nullValue())
        .body("education.disclaimer", notNullValue());
  }

  @Test
  void everyTopicTheRuleSetLinksIsOneCatalogServes() {
    JsonPath doc = reader().when().get("/v1/rulesets/current").then().statusCode(200).extract().jsonPath();
    TreeSet<String> linked = new TreeSet<>();
    for (String path : List.of("education.topics", "dispositions.topics.flatten()", "rules.topics.flatten()",
        "pathways.topics.flatten()")) {
      List<String> topics = doc.getList(path, String.class);
      linked.addAll(topics.stream().filter(java.util.Objects::nonNull).toList());
    }
    assertTrue(CATALOG_TOPICS.containsAll(linked), "linked " + linked + ", catalog serves " + CATALOG_TOPICS);
    assertEquals(new TreeSet<>(CATALOG_TOPICS), linked, "every agreed topic is linked from some answer");
    List<Map<String, Object>> dispositions = doc.getList("dispositions");
    for (Map<String, Object> d : dispositions) {
      if (!d.get("id").equals("self_care")) {
        assertTrue(((List<?>) d.get("topics")).containsAll(List.of("when-to-seek-care", "who-can-help")), d.toString());
      }
    }
  }

  @Test
  void ruleSetIsReadableByVersionAndUnknownVersionsAre404() {
    reader().when().get("/v1/rulesets/2").then().statusCode(200).body("version", equalTo("2"));
    reader().when().get("/v1/rulesets/99").then().statusCode(404).contentType("application/problem+json");
    reader().when().get("/v1/rulesets/bad version!").then().statusCode(400);
  }

  @Test
  void ruleSetOneIsStillServedAsItWasPublished() {
    reader().when().get("/v1/rulesets/1").then().statusCode(200)
        .body("version", equalTo("1"))
        .body("rules.find { it.id == 'minor-trauma' }.disposition", equalTo("consultation"))
        .body("rules.find { it.id == 'saddle-numbness' }.sources", hasItem("si-joint-back-in-place"))
        .body("rules.find { it.id == 'persistent-pain' }", nullValue())
        .body("questions", hasSize(24));
  }

  @Test
  void questionnaireComesFromTheRuleSetInAskingOrder() {
    given().auth().oauth2(DevTokens.forTenant("app", "triage:assess")).when().get("/v1/questionnaire").then().statusCode(200)
        .body("rulesetVersion", equalTo("2"))
        .body("questions", hasSize(26))
        .body("questions[0].id", equalTo("bowelOrBladderChange"))
        .body("questions[0].position", equalTo(1))
        .body("questions[0].redFlag", equalTo(true))
        .body("questions.find { it.id == 'legWeakness' }.values", equalTo(java.util.List.of("none", "stable", "progressive")))
        .body("questions.find { it.id == 'painIntensity' }.max", equalTo(10))
        .body("questions.find { it.id == 'immunosuppressedOrIvDrugUse' }.askIf.field", equalTo("feverOrChills"))
        .body("questions.find { it.id == 'suddenOnset' }.type", equalTo("boolean"))
        .body("questions.find { it.id == 'suddenOnset' }.askIf", equalTo(Map.of("field", "painIntensity", "atLeast", 7)))
        .body("questions.find { it.id == 'inflammatoryDisease' }.type", equalTo("boolean"))
        .body("questions.find { it.id == 'age' }.redFlag", equalTo(false));
  }
}
