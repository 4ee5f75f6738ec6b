package care.sij.catalog;

import static care.sij.catalog.Fixtures.badField;
import static care.sij.catalog.Fixtures.create;
import static care.sij.catalog.Fixtures.curator;
import static care.sij.catalog.Fixtures.exercise;
import static care.sij.catalog.Fixtures.marker;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Page-based paging over five exercises of this test's own. */
@QuarkusTest
class ExercisePagingTest {
  private final String marker = marker();
  private final List<String> ids = new ArrayList<>();

  @BeforeEach
  void fiveExercises() {
    for (int i = 1; i <= 5; i++) {
      Map<String, Object> e = exercise(marker + "-" + i);
      e.put("name", marker + " number " + i);
      create(e);
      ids.add(marker + "-" + i);
    }
  }

  private ValidatableResponse page(String paging) {
    return curator().when().get("/v1/exercises?q=" + marker + "&" + paging).then().statusCode(200);
  }

  private static String link(String rel, int page, int size) {
    return "page=" + page + "&size=" + size + ">; rel=\"" + rel + "\"";
  }

  @Test
  void firstPageLinksNextAndLast() {
    page("size=2").body("items", hasSize(2)).body("page", equalTo(1)).body("size", equalTo(2)).body("total", equalTo(5))
        .header("Link", containsString(link("first", 1, 2)))
        .header("Link", containsString(link("next", 2, 2)))
        .header("Link", containsString(link("last", 3, 2)))
        .header("Link", not(containsString("rel=\"prev\"")))
        .header("Link", containsString("q=" + marker));
  }

  @Test
  void middlePageLinksBothWays() {
    page("page=2&size=2").body("items", hasSize(2))
        .header("Link", containsString(link("prev", 1, 2)))
        .header("Link", containsString(link("next", 3, 2)));
  }

  @Test
  void lastPageHoldsTheRestAndHasNoNext() {
    page("page=3&size=2").body("items", hasSize(1)).body("total", equalTo(5))
        .header("Link", containsString(link("prev", 2, 2)))
        .header("Link", containsString(link("last", 3, 2)))
        .header("Link", not(containsString("rel=\"next\"")));
  }

  @Test
  void pagePastTheEndIsEmptyAndPointsBackToTheLast() {
    page("page=4&size=2").body("items", hasSize(0)).body("total", equalTo(5))
        .header("Link", containsString(link("prev", 3, 2)))
        .header("Link", not(containsString("rel=\"next\"")));
  }

  @Test
  void pagesTogetherHoldEveryMatchOnce() {
    List<String> seen = new ArrayList<>();
    for (int p = 1; p <= 3; p++) {
      seen.addAll(page("page=" + p + "&size=2").extract().jsonPath().getList("items.id"));
    }
    assertEquals(ids, seen, "by name, each once");
  }

  @Test
  void defaultPageSizeIs20AndAtMost100Are() {
    curator().when().get("/v1/exercises").then().statusCode(200).body("size", equalTo(20)).body("page", equalTo(1));
    page("size=100").body("size", equalTo(100)).body("items", hasSize(5));
    badField(curator().when().get("/v1/exercises?size=101").then(), "size");
    badField(curator().when().get("/v1/exercises?size=0").then(), "size");
    badField(curator().when().get("/v1/exercises?page=0").then(), "page");
    badField(curator().when().get("/v1/exercises?page=two").then(), "page");
  }
}
