package care.sij.adversarial.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import care.sij.adversarial.RunningSuite;
import care.sij.testsupport.SymptomReports;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * catalog-service and triage-service stop; progress-service must still take what patients record,
 * triage must still assess once it is back without the catalog, and what was left pending must settle
 * when both are back. One outage, in three steps, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Order.DEFAULT + 1)
class PeersDownTest {
  /** Exercises no other fault test records, so that progress-service has no cached answer about them. */
  private static final List<String> EXERCISES = List.of("cat-cow", "dead-bug");
  private static final List<String> DISPOSITIONS = List.of("emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care");
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(5);
  private static final Duration SETTLE_WITHIN = Duration.ofSeconds(30);

  private String token;
  private String patientId;
  private String sessionId;
  private String alertId;

  @BeforeAll
  void stopCatalogAndTriage() throws Exception {
    Api.awaitWholeSuite("the peers-down test");
    token = RunningSuite.token(Api.freshTenant("peers"));
    patientId = Api.createPatient(token, "peers-down");
    for (String exercise : EXERCISES) {
      Api.Answer known = Api.get("catalog", "/v1/exercises/" + exercise, token);
      assertEquals(200, known.status(), "the catalog must know " + exercise + " for this test: " + known);
    }
    RunningSuite.get().stop("catalog");
    RunningSuite.get().stop("triage");
  }

  @AfterAll
  void startWhatIsStillStopped() throws Exception {
    for (String name : List.of("catalog", "triage")) {
      if (!RunningSuite.get().service(name).process().isAlive()) {
        RunningSuite.get().startAgain(name);
      }
    }
  }

  @Test
  @Order(1)
  void progressTakesASessionAsPendingAndARedFlagAtTheMostCautiousDispositionWithCatalogAndTriageDown() throws Exception {
    Findings findings = new Findings();
    Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    Api.Answer session = Api.post("progress", "/v1/patients/" + patientId + "/sessions", token, Map.of(
        "at", at.toString(),
        "exercises", EXERCISES.stream().map(id -> Map.of("exerciseId", id, "sets", 2, "reps", 10)).toList(),
        "painBefore", 4, "painAfter", 3, "note", "peers down"));
    findings.check(session.status() == 201, "session not taken with catalog down", session::toString);
    findings.check(session.took().compareTo(ANSWER_LIMIT) <= 0, "session answered slower than " + ANSWER_LIMIT.toSeconds() + " s", session::toString);
    String verification = session.status() == 201 ? session.json().path("verification").asText() : "none";
    findings.check("pending".equals(verification), "session not stored as pending while the catalog is down", session::toString);
    if (session.status() == 201) {
      sessionId = session.json().path("id").asText();
    }

    Api.Answer entry = Api.post("progress", "/v1/patients/" + patientId + "/pain-entries", token, Map.of(
        "at", at.toString(), "score", 7, "context", "morning", "redFlags", Map.of("saddleNumbness", true)));
    findings.check(entry.status() == 201, "red-flag entry not taken with triage down", entry::toString);
    findings.check(entry.took().compareTo(ANSWER_LIMIT) <= 0, "red-flag entry answered slower than " + ANSWER_LIMIT.toSeconds() + " s", entry::toString);
    JsonNode alert = null;
    if (entry.status() == 201 && entry.json().hasNonNull("redFlagAlertId")) {
      alertId = entry.json().get("redFlagAlertId").asText();
      Api.Answer read = Api.get("progress", "/v1/alerts/" + alertId, token);
      findings.check(read.status() == 200, "the red-flag alert cannot be read", read::toString);
      if (read.status() == 200) {
        alert = read.json();
        JsonNode raised = alert;
        findings.check("emergency_ambulance".equals(alert.path("disposition").asText()) && "fallback".equals(alert.path("dispositionSource").asText()),
            "the alert is not at the most cautious fallback disposition while triage is down", raised::toString);
      }
    } else {
      findings.check(false, "no red-flag alert raised", entry::toString);
    }

    var figures = FaultsSummary.figures();
    figures.put("session answer", session.status() + " in " + session.took().toMillis() + " ms, verification " + verification);
    figures.put("red-flag entry answer", entry.status() + " in " + entry.took().toMillis() + " ms");
    figures.put("alert while triage is down", alert == null ? "none" : alert.path("disposition").asText() + " from " + alert.path("dispositionSource").asText());
    figures.put("findings", findings.summary());
    FaultsSummary.section("Peers down: progress takes a session and a red flag with catalog and triage stopped", figures);
    findings.assertNone();
  }

  @Test
  @Order(2)
  void triageAssessesWithoutTheRoutineWhileCatalogIsDown() throws Exception {
    long starting = System.nanoTime();
    RunningSuite.get().startAgain("triage");
    Duration restart = Duration.ofNanos(System.nanoTime() - starting);
    Findings findings = new Findings();
    Map<String, Object> report = SymptomReports.benign();
    Api.Answer assessment = Api.post("triage", "/v1/assessments", token, report);
    findings.check(assessment.status() == 201, "triage did not assess with catalog down", assessment::toString);
    findings.check(assessment.took().compareTo(ANSWER_LIMIT) <= 0, "assessment slower than " + ANSWER_LIMIT.toSeconds() + " s with catalog down", assessment::toString);
    Optional<JsonNode> pathway = assessment.status() == 201 ? Optional.of(assessment.json().path("pathway")).filter(p -> !p.isMissingNode())
        : Optional.empty();
    findings.check(assessment.status() != 201 || pathway.isPresent(), "a self-care report got no pathway to judge the routine by", assessment::toString);
    pathway.ifPresent(p -> findings.check(!p.hasNonNull("routine") && "unavailable".equals(p.path("routineStatus").asText()),
        "the pathway does not say the routine is unavailable", p::toString));

    var figures = FaultsSummary.figures();
    figures.put("triage ready again after", restart.toMillis() + " ms");
    figures.put("assessment answer", assessment.status() + " in " + assessment.took().toMillis() + " ms");
    figures.put("disposition", assessment.status() == 201 ? assessment.json().path("disposition").asText() : "none");
    figures.put("routine status", pathway.map(p -> p.path("routineStatus").asText()).orElse("no pathway"));
    figures.put("findings", findings.summary());
    FaultsSummary.section("Peers down: triage assesses with catalog stopped", figures);
    findings.assertNone();
  }

  @Test
  @Order(3)
  void pendingSessionAndFallbackAlertSettleWithinHalfAMinuteOfThePeersReturning() throws Exception {
    assumeTrue(sessionId != null && alertId != null, "nothing was left pending to settle");
    RunningSuite.get().startAgain("catalog");
    if (!RunningSuite.get().service("triage").process().isAlive()) {
      RunningSuite.get().startAgain("triage");
    }
    long back = System.nanoTime();
    long deadline = back + SETTLE_WITHIN.toNanos();
    String verification = "unknown";
    JsonNode alert = null;
    long verifiedAt = -1;
    long settledAt = -1;
    while (System.nanoTime() < deadline && (verifiedAt < 0 || settledAt < 0)) {
      if (verifiedAt < 0) {
        verification = sessionVerification();
        if (!"pending".equals(verification)) {
          verifiedAt = System.nanoTime();
        }
      }
      if (settledAt < 0) {
        Api.Answer read = Api.get("progress", "/v1/alerts/" + alertId, token);
        if (read.status() == 200) {
          alert = read.json();
          if ("triage".equals(alert.path("dispositionSource").asText())) {
            settledAt = System.nanoTime();
          }
        }
      }
      Thread.sleep(250);
    }
    Findings findings = new Findings();
    String seenVerification = verification;
    findings.check("verified".equals(verification), "the session is not verified within " + SETTLE_WITHIN.toSeconds() + " s", () -> seenVerification);
    JsonNode seenAlert = alert;
    findings.check(alert != null && "triage".equals(alert.path("dispositionSource").asText()) && alert.hasNonNull("triageAssessmentId")
        && DISPOSITIONS.contains(alert.path("disposition").asText()),
        "the alert's disposition is not settled by triage within " + SETTLE_WITHIN.toSeconds() + " s", () -> String.valueOf(seenAlert));

    var figures = FaultsSummary.figures();
    figures.put("session verification", verification + (verifiedAt < 0 ? "" : " after " + Duration.ofNanos(verifiedAt - back).toMillis() + " ms"));
    figures.put("alert", alert == null ? "unreadable" : alert.path("disposition").asText() + " from " + alert.path("dispositionSource").asText()
        + (settledAt < 0 ? "" : " after " + Duration.ofNanos(settledAt - back).toMillis() + " ms"));
    figures.put("findings", findings.summary());
    FaultsSummary.section("Peers down: pending work settles once catalog and triage are back", figures);
    findings.assertNone();
  }

  private String sessionVerification() throws Exception {
    for (JsonNode s : Api.readAll("/v1/patients/" + patientId + "/sessions", token)) {
      if (sessionId.equals(s.path("id").asText())) {
        return s.path("verification").asText();
      }
    }
    return "missing";
  }
}
