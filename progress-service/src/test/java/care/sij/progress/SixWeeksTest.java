package care.sij.progress;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three patients followed over six weeks (42 days from day 0 at 08:00 UTC), with figures computed by
 * hand. The window ends on day 41 at 20:00, so the latest 7-day average covers days 35 to 41.
 */
@QuarkusTest
class SixWeeksTest {
  private static final Instant DAY0 = LocalDate.now(ZoneOffset.UTC).minusDays(42).atTime(8, 0).toInstant(ZoneOffset.UTC);
  private static final String END = DAY0.plus(Duration.ofDays(41)).plus(Duration.ofHours(12)).toString();
  private final String tenant = "t-" + UUID.randomUUID();

  @BeforeEach
  void healthy() {
    Stubs.healthy();
  }

  private static Instant day(int d, int hoursAfter8) {
    return DAY0.plus(Duration.ofDays(d)).plus(Duration.ofHours(hoursAfter8));
  }

  private void entries(String patient, int days, IntUnaryOperator score) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      items.add(Map.of("at", day(d, 0).toString(), "score", score.applyAsInt(d), "context", "morning"));
    }
    Stubs.as(tenant).contentType("application/json").body(Map.of("items", items))
        .when().post("/v1/patients/" + patient + "/pain-entries/bulk").then().statusCode(201).body("items", hasSize(days));
  }

  /** Sessions at 18:00 on the given days; a second exercise raises pain by 2 when {@code flare} says so. */
  private void sessions(String patient, List<Integer> days, IntUnaryOperator score, java.util.function.IntPredicate flare) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (int d : days) {
      int before = score.applyAsInt(d);
      List<Map<String, Object>> done = new ArrayList<>(List.of(Map.of("exerciseId", "glute-bridge", "sets", 2, "reps", 10,
          "painDuring", before)));
      if (flare.test(d)) {
        done.add(Map.of("exerciseId", "bird-dog", "side", "both", "reps", 8, "painDuring", before + 2));
      }
      Map<String, Object> session = new HashMap<>(Map.of("at", day(d, 10).toString(), "exercises", done, "painBefore", before));
      items.add(session);
    }
    Stubs.as(tenant).contentType("application/json").body(Map.of("items", items))
        .when().post("/v1/patients/" + patient + "/sessions/bulk").then().statusCode(201);
  }

  private static List<Integer> daysWhere(int upTo, java.util.function.IntPredicate keep) {
    List<Integer> days = new ArrayList<>();
    for (int d = 0; d < upTo; d++) {
      if (keep.test(d)) {
        days.add(d);
      }
    }
    return days;
  }

  private ValidatableResponse progress(String patient, String query) {
    return Stubs.as(tenant).when().get("/v1/patients/" + patient + "/progress?to=" + END + query).then().statusCode(200);
  }

  private static int week(int d) {
    return d / 7 + 1;
  }

  @Test
  void improvingPatient() {
    String patient = Stubs.patient(tenant, 5);
    // week 1: 6, week 2: 5, weeks 3-4: 4, week 5: 3, week 6: 2
    IntUnaryOperator score = d -> switch (week(d)) { case 1 -> 6; case 2 -> 5; case 3, 4 -> 4; case 5 -> 3; default -> 2; };
    entries(patient, 42, score);
    sessions(patient, daysWhere(42, d -> d % 7 >= 2), score, d -> false);

    progress(patient, "")
        .body("entries", equalTo(42)).body("sessions", equalTo(30))
        .body("baseline.value", equalTo(6.0f)).body("baseline.entries", equalTo(7))
        .body("latest.value", equalTo(2.0f)).body("latest.entries", equalTo(7))
        .body("change.points", equalTo(-4.0f))
        .body("change.percent", equalTo(-66.67f))
        .body("change.clinicallyMeaningful", equalTo(true))
        .body("change.direction", equalTo("improved"))
        .body("meaningfulImprovementLine", equalTo(4.2f))
        .body("adherence.targetPerWeek", equalTo(5))
        .body("adherence.weeks", hasSize(6))
        .body("adherence.weeks.sessions", equalTo(List.of(5, 5, 5, 5, 5, 5)))
        .body("adherence.overall", equalTo(1.0f))
        .body("streakDays", equalTo(5))
        .body("flaggedExercises", hasSize(0))
        .body("openAlerts", hasSize(0));

    // a window from day 28: the baseline becomes week 5 (3), the change -1 point, -33.33%: meaningful by the 30% rule
    progress(patient, "&from=" + day(28, 0))
        .body("baseline.value", equalTo(3.0f)).body("latest.value", equalTo(2.0f))
        .body("change.points", equalTo(-1.0f)).body("change.percent", equalTo(-33.33f))
        .body("change.clinicallyMeaningful", equalTo(true)).body("adherence.weeks", hasSize(2));
  }

  @Test
  void flaringPatient() {
    String patient = Stubs.patient(tenant, 3);
    // weeks 1-4: 4, week 5: 5, week 6: 7; from week 6 on, the bird dog raises pain by 2
    IntUnaryOperator score = d -> switch (week(d)) { case 1, 2, 3, 4 -> 4; case 5 -> 5; default -> 7; };
    entries(patient, 42, score);
    sessions(patient, daysWhere(42, d -> d % 7 == 0 || d % 7 == 2 || d % 7 == 4), score, d -> week(d) == 6);

    progress(patient, "")
        .body("baseline.value", equalTo(4.0f)).body("latest.value", equalTo(7.0f))
        .body("change.points", equalTo(3.0f)).body("change.percent", equalTo(75.0f))
        .body("change.direction", equalTo("worsened"))
        .body("meaningfulImprovementLine", equalTo(2.8f))
        .body("adherence.weeks.sessions", equalTo(List.of(3, 3, 3, 3, 3, 3))).body("adherence.overall", equalTo(1.0f))
        .body("streakDays", equalTo(0))
        .body("flaggedExercises.exerciseId", equalTo(List.of("bird-dog")))
        .body("flaggedExercises[0].sessions", hasSize(3))
        .body("flaggedExercises[0].sessions[0].rise", equalTo(2))
        .body("openAlerts.type", hasItem("worsening"))
        .body("openAlerts.type", hasItem("no_improvement"))
        .body("openAlerts.type", hasItem("flagged_exercise"));
  }

  @Test
  void abandoningPatient() {
    String patient = Stubs.patient(tenant, 5);
    entries(patient, 14, d -> 5);
    sessions(patient, List.of(2, 3, 4, 5, 6, 9, 10), d -> 5, d -> false);

    progress(patient, "")
        .body("entries", equalTo(14)).body("sessions", equalTo(7))
        .body("baseline.value", equalTo(5.0f))
        .body("latest", nullValue()).body("change", nullValue())
        .body("adherence.weeks.sessions", equalTo(List.of(5, 2, 0, 0, 0, 0)))
        .body("adherence.weeks.adherence", equalTo(List.of(1.0f, 0.4f, 0.0f, 0.0f, 0.0f, 0.0f)))
        .body("adherence.overall", equalTo(0.23f))
        .body("streakDays", equalTo(0))
        .body("openAlerts.type", not(hasItem("worsening")));
  }

  @Test
  void patientWithoutPlanHasNoAdherence() {
    String patient = Stubs.patient(tenant, null);
    entries(patient, 3, d -> 4);
    progress(patient, "").body("adherence", nullValue()).body("baseline.value", equalTo(4.0f));
  }
}
