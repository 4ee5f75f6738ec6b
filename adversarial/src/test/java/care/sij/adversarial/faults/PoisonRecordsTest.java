package care.sij.adversarial.faults;

import care.sij.adversarial.RunningSuite;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Records dated where no pain diary can be (year 1, days ahead) and report windows no chart can draw:
 * each is refused 400 problem+json naming the field, stores nothing, and leaves the patient's
 * progress and report readable.
 */
@Order(Order.DEFAULT + 4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonRecordsTest {
  private static final String YEAR_ONE = "0001-01-01T00:00:00Z";
  private static final List<Map<String, Object>> EXERCISES = List.of(Map.of("exerciseId", "glute-bridge", "sets", 2, "reps", 10));

  private String token;
  private String patientId;
  private Findings findings;
  private Map<String, Object> figures;
  private LogMark log;

  @BeforeEach
  void patient() throws Exception {
    Api.awaitWholeSuite("a poison-record test");
    token = RunningSuite.token(Api.freshTenant("poison"));
    patientId = Api.createPatient(token, "poison");
    findings = new Findings();
    figures = FaultsSummary.figures();
    log = LogMark.now("progress");
  }

  @Test
  @Order(3)
  void aPainEntryDatedYearOneOrAheadIsRefusedNamingAtAndNotStored() throws Exception {
    for (String at : List.of(YEAR_ONE, tomorrow())) {
      refused(() -> Api.post("progress", path("pain-entries"), token, Map.of("at", at, "score", 5, "context", "morning")), "at",
          "pain entry at " + at);
    }
    nothingStoredAndStillReadable();
    finish("Poison records: a pain entry dated year 1 or tomorrow");
  }

  @Test
  @Order(4)
  void aSessionDatedYearOneOrAheadIsRefusedNamingAtAndNotStored() throws Exception {
    for (String at : List.of(YEAR_ONE, tomorrow())) {
      refused(() -> Api.post("progress", path("sessions"), token, Map.of("at", at, "exercises", EXERCISES)), "at", "session at " + at);
    }
    nothingStoredAndStillReadable();
    finish("Poison records: a session dated year 1 or tomorrow");
  }

  @Test
  @Order(5)
  void aBulkWhoseFirstItemIsDatedYearOneIsRefusedNamingItAndNothingOfItIsStored() throws Exception {
    String fine = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    refused(() -> Api.post("progress", path("pain-entries/bulk"), token, Map.of("items", List.of(
        Map.of("at", YEAR_ONE, "score", 5, "context", "morning"), Map.of("at", fine, "score", 4, "context", "evening")))),
        "items[0].at", "pain-entry bulk");
    refused(() -> Api.post("progress", path("sessions/bulk"), token, Map.of("items", List.of(
        Map.of("at", YEAR_ONE, "exercises", EXERCISES), Map.of("at", fine, "exercises", EXERCISES)))),
        "items[0].at", "session bulk");
    nothingStoredAndStillReadable();
    finish("Poison records: bulk writes with a first item dated year 1");
  }

  @Test
  @Order(6) // last: the one most likely to take the service down with it
  void aReportWindowFromYearOneIsRefusedNamingFrom() throws Exception {
    refused(() -> Api.get("progress", path("report") + "?from=" + YEAR_ONE + "&to=2100-01-01T00:00:00Z", token), "from", "report from year 1");
    nothingStoredAndStillReadable();
    finish("Poison records: a report window from year 1");
  }

  @Test
  @Order(1)
  void aReportWindowEndingBeforeItStartsIsRefusedNamingFrom() throws Exception {
    refused(() -> Api.get("progress", path("report") + "?from=2025-06-01T00:00:00Z&to=2025-05-01T00:00:00Z", token), "from", "report from after to");
    nothingStoredAndStillReadable();
    finish("Poison records: a report window ending before it starts");
  }

  @Test
  @Order(2)
  void aReportWindowOverSevenHundredThirtyOneDaysIsRefusedNamingFromAndOneOfThatLengthIsNot() throws Exception {
    Instant to = Instant.parse("2025-01-01T00:00:00Z");
    String longest = "?from=" + to.minus(Duration.ofDays(731)) + "&to=" + to;
    String tooLong = "?from=" + to.minus(Duration.ofDays(731)).minusSeconds(1) + "&to=" + to;
    refused(() -> Api.get("progress", path("report") + tooLong, token), "from", "report over 731 days");
    try {
      Api.Answer allowed = Api.get("progress", path("report") + longest, token);
      findings.check(allowed.status() == 200, "a report window of exactly 731 days refused", allowed::toString);
      figures.put("report of exactly 731 days", allowed.status());
    } catch (IOException e) {
      findings.check(false, "a report window of exactly 731 days not answered", e::toString);
    }
    nothingStoredAndStillReadable();
    finish("Poison records: a report window over 731 days");
  }

  private static String tomorrow() {
    return Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private String path(String rest) {
    return "/v1/patients/" + patientId + "/" + rest;
  }

  /** A request of the test; an answer that does not come in time is a finding, not an error of the test. */
  @FunctionalInterface
  interface Call {
    Api.Answer send() throws IOException, InterruptedException;
  }

  private void refused(Call call, String field, String what) throws InterruptedException {
    Api.Answer answer;
    try {
      answer = call.send();
    } catch (IOException e) {
      figures.put(what, "no answer: " + e);
      findings.check(false, what + ": no answer (a hang or a dropped connection)", e::toString);
      return;
    }
    figures.put(what, answer.status() + " " + answer.contentType() + " naming " + answer.errorFields());
    findings.check(answer.status() == 400 && answer.isProblem() && answer.errorFields().contains(field),
        what + ": not 400 problem+json naming " + field, answer::toString);
    findings.check(answer.status() < 500, what + ": a server error", answer::toString);
  }

  private void nothingStoredAndStillReadable() throws Exception {
    int entries = Api.readAll(path("pain-entries"), token).size();
    int sessions = Api.readAll(path("sessions"), token).size();
    figures.put("stored afterwards", entries + " pain entries, " + sessions + " sessions");
    findings.check(entries == 0 && sessions == 0, "a refused record was stored", () -> entries + " entries, " + sessions + " sessions");
    for (String view : List.of("progress", "report")) {
      try {
        Api.Answer answer = Api.send(Api.request("progress", path(view), token).timeout(Duration.ofSeconds(5)).GET().build());
        figures.put(view + " afterwards", answer.status());
        findings.check(answer.status() == 200, "the patient's " + view + " no longer answers 200", answer::toString);
      } catch (IOException e) {
        figures.put(view + " afterwards", "no answer: " + e);
        findings.check(false, "the patient's " + view + " no longer answers", e::toString);
      }
    }
  }

  private void finish(String section) throws IOException {
    Optional<String> outOfMemory = log.firstLineWith("OutOfMemoryError");
    figures.put("OutOfMemoryError in progress-service's log", outOfMemory.isPresent());
    findings.check(outOfMemory.isEmpty(), "OutOfMemoryError in progress-service's log", () -> outOfMemory.orElse(""));
    figures.put("findings", findings.summary());
    FaultsSummary.section(section, figures);
    findings.assertNone();
  }
}
