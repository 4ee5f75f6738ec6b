package care.sij.progress;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReportTest {
  static final Instant DAY0 = LocalDate.now(ZoneOffset.UTC).minusDays(20).atTime(9, 0).toInstant(ZoneOffset.UTC);
  private final String tenant = "t-" + UUID.randomUUID();
  private String patient;

  @BeforeEach
  void twoWeeks() {
    patient = twoWeeksOfEntries(tenant);
  }

  /** A patient of the tenant with 14 daily entries from DAY0 (6 the first week, 3 the second) and a session on day 3. */
  static String twoWeeksOfEntries(String tenant) {
    Stubs.healthy();
    String patient = Stubs.patient(tenant, 3);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      entries.add(Map.of("at", DAY0.plus(Duration.ofDays(d)).toString(), "score", d < 7 ? 6 : 3, "context", "evening"));
    }
    Stubs.as(tenant).contentType("application/json").body(Map.of("items", entries))
        .when().post("/v1/patients/" + patient + "/pain-entries/bulk").then().statusCode(201);
    Stubs.as(tenant).contentType("application/json").body(Map.of("at", DAY0.plus(Duration.ofDays(3)).toString(),
        "exercises", List.of(Map.of("exerciseId", "pelvic-tilt")))).when().post("/v1/patients/" + patient + "/sessions").then().statusCode(201);
    return patient;
  }

  /** The end of the report's window: the last entry's day. */
  static String to() {
    return DAY0.plus(Duration.ofDays(13)).plus(Duration.ofHours(10)).toString();
  }

  @Test
  void jsonReportHasTheFiguresAndADayByDaySeries() {
    Stubs.as(tenant).accept("application/json").when().get("/v1/patients/" + patient + "/report?to=" + to()).then().statusCode(200)
        .body("generatedAt", notNullValue())
        .body("progress.baseline.value", equalTo(6.0f))
        .body("progress.latest.value", equalTo(3.0f))
        .body("days", hasSize(14))
        .body("days[0].average", equalTo(6.0f))
        .body("days[3].sessions", equalTo(1))
        .body("days[6].rolling7", equalTo(6.0f))
        .body("days[13].rolling7", equalTo(3.0f))
        .body("days[9].rolling7", equalTo(4.71f));
  }

  @Test
  void svgReportIsAPainChart() {
    String svg = Stubs.as(tenant).accept("image/svg+xml").when().get("/v1/patients/" + patient + "/report?to=" + to()).then()
        .statusCode(200).contentType("image/svg+xml").extract().asString();
    assertTrue(svg.contains("<svg"), "an SVG document");
    for (String label : List.of("daily score", "7-day average", "session day", "baseline", "meaningful change")) {
      assertTrue(svg.contains(label), "the chart shows " + label);
    }
    assertTrue(svg.contains("<path"), "the 7-day average is drawn");
  }

  @Test
  void clientTakingJsonAndSvgAlikeGetsTheJsonReport() {
    Stubs.as(tenant).accept("application/json, image/svg+xml").when().get("/v1/patients/" + patient + "/report?to=" + to()).then()
        .statusCode(200).contentType("application/json").body("days.size()", equalTo(14));
  }

  @Test
  void reportWithoutEntriesStillRenders() {
    String empty = Stubs.patient(tenant, null);
    Stubs.as(tenant).accept("image/svg+xml").when().get("/v1/patients/" + empty + "/report").then().statusCode(200)
        .body(containsString("<svg"));
  }
}
