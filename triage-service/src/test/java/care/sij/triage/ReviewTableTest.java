package care.sij.triage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.launcher.Repository;
import care.sij.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The review of the articles' warnings in seeds/triage/README.md against the rule set in force: the rules it
 * names exist, every rule is named, and the counts it states are the table's.
 */
@QuarkusTest
class ReviewTableTest {
  private static final Pattern RULE_ID = Pattern.compile("`([a-z0-9-]+)`");
  private static final Pattern COUNTS = Pattern.compile("\\*\\*(\\d+) statements: (\\d+) captured by a rule, (\\d+) left out with a reason\\.\\*\\*");

  /** A row of a table: its cells, without the outer pipes. */
  private static List<String> cells(String line) {
    String inner = line.trim().substring(1, line.trim().length() - 1);
    return List.of(inner.split("\\|", -1)).stream().map(String::trim).toList();
  }

  private static List<String> readme() throws IOException {
    return Files.readAllLines(Repository.root().resolve("seeds/triage/README.md"));
  }

  private static Set<String> ids(String cell) {
    Set<String> ids = new TreeSet<>();
    Matcher m = RULE_ID.matcher(cell);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static Set<String> currentRules() {
    List<String> ids = given().auth().oauth2(DevTokens.forTenant("review", "triage:read"))
        .when().get("/v1/rulesets/current").then().statusCode(200).extract().path("rules.id");
    return new TreeSet<>(ids);
  }

  /** The review table's rows: those whose first cell is a row number. */
  private static List<List<String>> statements(List<String> lines) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("| ") && line.substring(2).matches("\\d+ \\|.*")) {
        rows.add(cells(line));
      }
    }
    return rows;
  }

  @Test
  void everyRuleNamedInTheReviewExistsAndEveryRuleIsNamed() throws IOException {
    Set<String> rules = currentRules();
    Set<String> named = new TreeSet<>();
    for (List<String> row : statements(readme())) {
      named.addAll(ids(row.get(4)));
    }
    for (String line : readme()) {
      if (line.startsWith("| `")) { // the rules no article states
        named.addAll(ids(cells(line).get(0)));
      }
    }
    Set<String> unknown = new TreeSet<>(named);
    unknown.removeAll(rules);
    assertEquals(Set.of(), unknown, "rules named in the review that the current rule set lacks");
    Set<String> unnamed = new TreeSet<>(rules);
    unnamed.removeAll(named);
    assertEquals(Set.of(), unnamed, "rules of the current rule set the review never names");
  }

  @Test
  void theStatedCountsAreTheTables() throws IOException {
    List<String> lines = readme();
    List<List<String>> rows = statements(lines);
    int captured = 0;
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      assertEquals(String.valueOf(i + 1), row.get(0), "rows are numbered in order");
      assertEquals(6, row.size(), "row " + row.get(0) + " has six cells");
      if (!ids(row.get(4)).isEmpty()) {
        captured++;
      } else {
        assertFalse(row.get(5).isBlank(), "row " + row.get(0) + " names no rule and gives no reason");
      }
    }
    Matcher counts = lines.stream().map(COUNTS::matcher).filter(Matcher::matches).findFirst()
        .orElseThrow(() -> new AssertionError("the review states no counts"));
    assertTrue(rows.size() > 0);
    assertEquals(List.of(rows.size(), captured, rows.size() - captured), List.of(Integer.parseInt(counts.group(1)),
        Integer.parseInt(counts.group(2)), Integer.parseInt(counts.group(3))), "statements, captured, left out");
  }
}
