package care.sij.integrator;

import static care.sij.integrator.Calls.ok;
import static care.sij.integrator.Calls.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.client.catalog.model.Action;
import care.sij.client.catalog.model.Adjustment;
import care.sij.client.catalog.model.ExercisePage;
import care.sij.client.catalog.model.ExerciseSummary;
import care.sij.client.catalog.model.PlanResponse;
import care.sij.client.catalog.model.Reason;
import care.sij.client.catalog.model.RoutineResponse;
import care.sij.client.catalog.model.Side;
import care.sij.client.catalog.model.SoreSide;
import care.sij.client.catalog.model.Step;
import care.sij.client.progress.ApiResponse;
import care.sij.client.progress.model.AlertResponse;
import care.sij.client.progress.model.PainEntryBulkRequest;
import care.sij.client.progress.model.SessionBulkRequest;
import care.sij.client.progress.model.Context;
import care.sij.client.progress.model.ExerciseDoneRequest;
import care.sij.client.progress.model.ExerciseSide;
import care.sij.client.progress.model.PainEntryRequest;
import care.sij.client.progress.model.PainEntryResponse;
import care.sij.client.progress.model.PainSide;
import care.sij.client.progress.model.PatientRequest;
import care.sij.client.progress.model.PatientResponse;
import care.sij.client.progress.model.ProgressResponse;
import care.sij.client.progress.model.RedFlagsRequest;
import care.sij.client.progress.model.Report;
import care.sij.client.progress.model.SessionRequest;
import care.sij.client.progress.model.SessionResponse;
import care.sij.client.progress.model.Status;
import care.sij.client.progress.model.Type;
import care.sij.client.progress.model.Verification;
import care.sij.client.triage.model.AssessmentResult;
import care.sij.client.triage.model.Disposition;
import care.sij.client.triage.model.LegWeakness;
import care.sij.client.triage.model.PainLocation;
import care.sij.client.triage.model.PainTrend;
import care.sij.client.triage.model.SymptomReport;
import care.sij.client.triage.model.Trauma;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What an app built on SIJ Care does, through nothing but the generated clients: it searches the
 * catalog and plans a routine for a sore side, triages a person with and without red flags, registers
 * them, logs two weeks of pain entries and sessions (one at a time, in bulk, and retried with
 * Idempotency-Keys as a flaky network makes it), reads the progress figures and the SVG chart, follows
 * a red-flag alert from raised to resolved, and erases the person everywhere. Each run is a patient of
 * its own, so that it can run twice against the same services and tenant.
 */
final class Journey {
  static final String SEQUENCE = "si-mobilization-sequence";
  /** The first morning of the two weeks, far enough back that the last session ends before now. */
  private static final OffsetDateTime DAY0 = LocalDate.now(ZoneOffset.UTC).minusDays(16).atTime(8, 0).atOffset(ZoneOffset.UTC);
  /** The end of the window the figures are read over: the evening of the last day. */
  private static final OffsetDateTime END = DAY0.plusDays(13).plusHours(12);
  private static final int SESSIONS_PER_WEEK = 5;

  private final Clients api;
  private final String ref = "pt-" + UUID.randomUUID().toString().substring(0, 8);
  private UUID patient;
  private String suggestedRoutine;
  private final List<UUID> assessments = new ArrayList<>();

  Journey(Clients api) {
    this.api = api;
  }

  /** The whole journey, step by step; the first failed check names its step. */
  void run() {
    searchTheCatalog();
    planTheSequenceForASoreSide();
    triageWithoutRedFlags();
    triageWithARedFlag();
    registerThePatient();
    logTwoWeeks();
    readProgressAndReports();
    followARedFlagAlertFromRaisedToResolved();
    eraseThePatient();
  }

  // ------------------------------------------------------------------ catalog

  private void searchTheCatalog() {
    ExercisePage doorFrame = ok("search 'door frame'", () -> api.exercises().listExercises(null, null, null, null, null, null, null,
        "door frame", null));
    assertTrue(ids(doorFrame).contains("door-frame-knee-push"), "a search by words finds the door-frame knee push: " + ids(doorFrame));
    ExercisePage clam = ok("search 'clam shell'", () -> api.exercises().listExercises(null, null, null, null, 2, null, null,
        "clam shell", null));
    assertTrue(ids(clam).contains("clamshell"), "spaces do not matter in a search: " + ids(clam));
    assertTrue(clam.getItems().stream().allMatch(e -> e.getDifficulty() <= 2), "maxDifficulty narrows the list");

    List<RoutineResponse> routines = ok("list routines", () -> api.routines().listRoutines());
    assertTrue(routines.stream().anyMatch(r -> SEQUENCE.equals(r.getId())), "the mobilization sequence is a routine");
  }

  private static List<String> ids(ExercisePage page) {
    return page.getItems() == null ? List.of() : page.getItems().stream().map(ExerciseSummary::getId).toList();
  }

  private void planTheSequenceForASoreSide() {
    PlanResponse left = ok("plan for a sore left side", () -> api.routines().planRoutine(SEQUENCE,
        new care.sij.client.catalog.model.PlanRequest().soreSide(SoreSide.LEFT).pregnant(false)));
    assertEquals(List.of("door-frame-knee-push", "inflare-wall-push", "plank", "swiss-ball-superman", "door-frame-knee-push"),
        exercises(left.getSteps()));
    assertEquals(List.of(Side.LEFT, Side.RIGHT), left.getSteps().get(0).getSides(), "the door-frame push works both sides");
    assertEquals(List.of(Side.LEFT), left.getSteps().get(1).getSides(), "the wall push is for the sore side only");
    assertEquals(List.of(Side.RIGHT), left.getSteps().get(2).getSides(), "the plank lifts the leg of the side that is not sore");
    assertEquals(List.of(2, 3), left.getSteps().get(0).getOnRelief().getSkipStepIndexes(), "relief after step 1 skips the next two");

    PlanResponse both = ok("plan for both sides sore", () -> api.routines().planRoutine(SEQUENCE,
        new care.sij.client.catalog.model.PlanRequest().soreSide(SoreSide.BOTH).pregnant(false)));
    assertFalse(exercises(both.getSteps()).contains("inflare-wall-push"), "no wall push when both sides hurt");
    assertEquals(List.of(Side.NONE), both.getSteps().get(1).getSides(), "no leg lift in the plank when both sides hurt");
    Adjustment omitted = both.getAdjustments().get(0);
    assertEquals(Action.OMITTED, omitted.getAction());
    assertEquals(List.of(Reason.BOTH_SIDES_SORE), omitted.getReasons());
  }

  private static List<String> exercises(List<Step> steps) {
    return steps.stream().map(s -> s.getExercise().getId()).toList();
  }

  // ------------------------------------------------------------------ triage

  /** Every question answered, nothing that escalates, a joint that feels stuck. */
  private SymptomReport benignReport() {
    return new SymptomReport().patientRef(ref).age(35).painSide(care.sij.client.triage.model.PainSide.LEFT).painIntensity(3)
        .painLocations(List.of(PainLocation.LOWER_BACK, PainLocation.BUTTOCK)).durationDays(3).homeCareTried(false)
        .painTrend(PainTrend.STABLE).constantPain(false).trauma(Trauma.NONE).bowelOrBladderChange(false).saddleNumbness(false)
        .legNumbnessOrTingling(false).legWeakness(LegWeakness.NONE).feverOrChills(false).unexplainedWeightLoss(false)
        .historyOfCancer(false).immunosuppressedOrIvDrugUse(false).difficultyWalkingOrStanding(false).nightPain(false)
        .morningStiffnessOver30Min(false).inflammatoryDisease(false).pregnantOrPostpartum(false).recurrentDespiteStabilization(false).feelsStuck(true)
        .feelsUnstable(false);
  }

  private void triageWithoutRedFlags() {
    String key = "triage-" + UUID.randomUUID();
    var first = ok("assess a benign report", () -> api.assessments().createAssessmentWithHttpInfo(benignReport(), key, null));
    assertEquals(201, first.getStatusCode());
    AssessmentResult result = first.getData();
    assertEquals(Disposition.SELF_CARE, result.getDisposition());
    assertEquals(Boolean.TRUE, result.getComplete());
    assertEquals(Boolean.TRUE, result.getSelfCareAllowed());
    assertEquals(ref, result.getPatientRef());
    assertEquals("mobility", result.getPathway().getId(), "a stiff joint gets the mobility pathway");
    suggestedRoutine = result.getPathway().getRoutineId();
    assertNotNull(suggestedRoutine, "self-care suggests a catalog routine");
    assessments.add(result.getId());

    var retry = ok("retry the assessment with its key", () -> api.assessments().createAssessmentWithHttpInfo(benignReport(), key, null));
    assertEquals(200, retry.getStatusCode(), "a keyed retry is answered from what was stored");
    assertEquals(result.getId(), retry.getData().getId(), "a keyed retry gives the same assessment");

    RoutineResponse routine = ok("read the suggested routine", () -> api.routines().getRoutine(suggestedRoutine, null));
    assertEquals(suggestedRoutine, routine.getId());
    assertFalse(routine.getSteps().isEmpty());
  }

  private void triageWithARedFlag() {
    AssessmentResult result = ok("assess a report with progressive leg weakness",
        () -> api.assessments().createAssessment(benignReport().legWeakness(LegWeakness.PROGRESSIVE), null, null));
    assertEquals(Disposition.EMERGENCY, result.getDisposition(), "a red flag escalates");
    assertEquals(Boolean.FALSE, result.getSelfCareAllowed());
    assertFalse(result.getFiredRules().isEmpty(), "the rule that fired is named");
    assertTrue(result.getFiredRules().stream().allMatch(r -> r.getReason() != null && !r.getSources().isEmpty()),
        "each fired rule has its reason and sources");
    assertNull(result.getPathway(), "no self-care pathway with a red flag");
    assessments.add(result.getId());

    AssessmentResult unanswered = ok("assess a report without the saddle numbness answer",
        () -> api.assessments().createAssessment(benignReport().saddleNumbness(null), null, null));
    assertEquals(Boolean.FALSE, unanswered.getComplete());
    assertTrue(unanswered.getMissingQuestions().contains("saddleNumbness"), "the missing question is named");
    assertNotEquals(Disposition.SELF_CARE, unanswered.getDisposition(), "an unanswered red-flag question never gives self-care");
    assessments.add(unanswered.getId());
  }

  // ------------------------------------------------------------------ progress

  private void registerThePatient() {
    PatientRequest request = new PatientRequest().ref(ref)
        .plan(new care.sij.client.progress.model.PlanRequest().routineId(suggestedRoutine).sessionsPerWeek(SESSIONS_PER_WEEK));
    ApiResponse<PatientResponse> created = ok("register the patient", () -> api.patients().createPatientWithHttpInfo(request));
    assertEquals(201, created.getStatusCode());
    patient = created.getData().getId();
    String location = created.getHeaders().getOrDefault("location", List.of()).stream().findFirst()
        .orElseThrow(() -> new AssertionError("a registration names the new patient in Location: " + created.getHeaders()));
    assertTrue(location.endsWith("/v1/patients/" + patient), "Location names the patient the body describes: " + location);

    PatientResponse read = ok("read the patient", () -> api.patients().getPatient(patient));
    assertEquals(ref, read.getRef());
    assertEquals(suggestedRoutine, read.getPlan().getRoutineId());
    assertEquals(SESSIONS_PER_WEEK, read.getPlan().getSessionsPerWeek());

    assertEquals(409, refused("register the same ref again", () -> api.patients().createPatientWithHttpInfo(request))
        .status());
  }

  /** A week of higher pain, then a week of lower: a clinically meaningful improvement. */
  private static int score(int day) {
    return day < 7 ? 6 : 3;
  }

  private static PainEntryRequest entry(int day) {
    return new PainEntryRequest().at(DAY0.plusDays(day)).score(score(day)).context(Context.MORNING).side(PainSide.LEFT);
  }

  /** Evening sessions on as many days a week as the plan asks, the last ones on consecutive days up to the window's end. */
  private static final List<Integer> SESSION_DAYS = List.of(2, 3, 4, 5, 6, 9, 10, 11, 12, 13);

  private SessionRequest session(int day) {
    int before = score(day);
    return new SessionRequest().at(DAY0.plusDays(day).plusHours(10)).routineId(suggestedRoutine).painBefore(before)
        .painAfter(before - 1).effort(4).exercises(List.of(
            new ExerciseDoneRequest().exerciseId("pelvic-tilt").sets(2).reps(10).painDuring(before),
            new ExerciseDoneRequest().exerciseId("knee-to-chest").side(ExerciseSide.BOTH).reps(8).holdSeconds(20).painDuring(before)));
  }

  private void logTwoWeeks() {
    PainEntryResponse first = ok("log day 0", () -> api.painEntries().addPainEntry(patient, entry(0), null));
    assertEquals(6, first.getScore());

    String entryKey = "entry-" + UUID.randomUUID();
    PainEntryResponse keyed = ok("log day 1 with a key", () -> api.painEntries().addPainEntry(patient, entry(1), entryKey));
    PainEntryResponse again = ok("retry day 1 with its key", () -> api.painEntries().addPainEntry(patient, entry(1), entryKey));
    assertEquals(keyed.getId(), again.getId(), "a keyed retry returns the entry stored before");
    assertEquals(422, refused("reuse the key for another entry",
        () -> api.painEntries().addPainEntry(patient, entry(1).score(9), entryKey)).status());

    List<PainEntryRequest> rest = new ArrayList<>();
    for (int day = 2; day < 14; day++) {
      rest.add(entry(day));
    }
    String bulkKey = "entries-" + UUID.randomUUID();
    var bulk = ok("log days 2 to 13 at once", () -> api.painEntries().addPainEntries(patient, new PainEntryBulkRequest().items(rest), bulkKey));
    assertEquals(12, bulk.getItems().size());
    var bulkAgain = ok("retry the bulk with its key", () -> api.painEntries().addPainEntries(patient, new PainEntryBulkRequest().items(rest), bulkKey));
    assertEquals(bulk.getItems().stream().map(PainEntryResponse::getId).toList(),
        bulkAgain.getItems().stream().map(PainEntryResponse::getId).toList(), "a keyed bulk retry returns the same entries");

    var listed = ok("list the entries", () -> api.painEntries().listPainEntries(patient, null, null, 100, null));
    assertEquals(14, listed.getItems().size(), "retries stored nothing twice");

    SessionResponse single = ok("log the session of day 2", () -> api.sessions().addSession(patient, session(2), null));
    assertEquals(Verification.VERIFIED, single.getVerification(), "the exercises are checked against the catalog");
    String sessionKey = "session-" + UUID.randomUUID();
    SessionResponse keyedSession = ok("log the session of day 3 with a key",
        () -> api.sessions().addSession(patient, session(3), sessionKey));
    SessionResponse sessionAgain = ok("retry it", () -> api.sessions().addSession(patient, session(3), sessionKey));
    assertEquals(keyedSession.getId(), sessionAgain.getId(), "a keyed retry returns the session stored before");

    List<SessionRequest> others = SESSION_DAYS.subList(2, SESSION_DAYS.size()).stream().map(this::session).toList();
    String sessionsKey = "sessions-" + UUID.randomUUID();
    var sessions = ok("log the other sessions at once", () -> api.sessions().addSessions(patient, new SessionBulkRequest().items(others), sessionsKey));
    var sessionsAgain = ok("retry them", () -> api.sessions().addSessions(patient, new SessionBulkRequest().items(others), sessionsKey));
    assertEquals(sessions.getItems().stream().map(SessionResponse::getId).toList(),
        sessionsAgain.getItems().stream().map(SessionResponse::getId).toList(), "a keyed bulk retry returns the same sessions");
    assertEquals(SESSION_DAYS.size(), ok("list the sessions", () -> api.sessions().listSessions(patient, null, null, 100, null))
        .getItems().size(), "retries stored nothing twice");
  }

  private void readProgressAndReports() {
    ProgressResponse progress = ok("read the progress", () -> api.progress().getProgress(patient, null, END));
    assertEquals(ref, progress.getPatientRef());
    assertEquals(14, progress.getEntries());
    assertEquals(SESSION_DAYS.size(), progress.getSessions());
    assertNumber(6.0, progress.getBaseline().getValue(), "baseline: the first week");
    assertEquals(7, progress.getBaseline().getEntries());
    assertNumber(3.0, progress.getLatest().getValue(), "latest: the last week");
    assertNumber(-3.0, progress.getChange().getPoints(), "change in points");
    assertNumber(-50.0, progress.getChange().getPercent(), "change in percent");
    assertEquals(Boolean.TRUE, progress.getChange().getClinicallyMeaningful());
    assertEquals("improved", progress.getChange().getDirection());
    assertNumber(4.2, progress.getMeaningfulImprovementLine(), "30% below a baseline of 6 is the smaller step");
    assertEquals(SESSIONS_PER_WEEK, progress.getAdherence().getTargetPerWeek());
    assertEquals(List.of(5, 5), progress.getAdherence().getWeeks().stream().map(w -> w.getSessions()).toList());
    assertNumber(1.0, progress.getAdherence().getOverall(), "every planned session was done");
    assertEquals(5, progress.getStreakDays(), "days 9 to 13 in a row");
    assertTrue(progress.getFlaggedExercises() == null || progress.getFlaggedExercises().isEmpty(), "no exercise made it worse");
    assertTrue(progress.getOpenAlerts() == null || progress.getOpenAlerts().isEmpty(), "an improving patient raises no alert");

    Report report = ok("read the report", () -> api.progress().getReport(patient, null, END));
    assertEquals(14, report.getDays().size(), "one row per day of the window");
    assertNumber(6.0, report.getDays().get(0).getAverage(), "day 0's score");
    assertEquals(1, report.getDays().get(2).getSessions(), "day 2 had its session");
    assertNumber(3.0, report.getProgress().getLatest().getValue(), "the report carries the figures");

    ok("read the pain chart", () -> api.chart().api().getReportWithHttpInfo(patient, null, END));
    Clients.PainChart.Chart chart = Objects.requireNonNull(api.chart().last().get(), "the chart's body");
    assertTrue(chart.contentType().startsWith("image/svg+xml"), "the chart is SVG: " + chart.contentType());
    assertTrue(chart.svg().contains("<svg"), "an SVG document");
    assertTrue(chart.svg().contains(ref), "the chart names the patient's reference");
  }

  private static void assertNumber(double expected, BigDecimal actual, String what) {
    assertNotNull(actual, what);
    assertEquals(0, BigDecimal.valueOf(expected).compareTo(actual), what + ": expected " + expected + ", got " + actual);
  }

  private void followARedFlagAlertFromRaisedToResolved() {
    PainEntryRequest numb = new PainEntryRequest().at(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)).score(7)
        .context(Context.EVENING).side(PainSide.LEFT).note("numb in the saddle area since this afternoon")
        .redFlags(new RedFlagsRequest().saddleNumbness(true).bowelOrBladderChange(false));
    PainEntryResponse stored = ok("log an entry with a red flag", () -> api.painEntries().addPainEntry(patient, numb, null));
    UUID alertId = stored.getRedFlagAlertId();
    assertNotNull(alertId, "a red flag raises an alert at once");

    var open = ok("list the patient's open alerts", () -> api.alerts().listAlerts(null, null, patient, "open"));
    assertTrue(open.getItems().stream().anyMatch(a -> alertId.equals(a.getId())), "the new alert is open");

    AlertResponse raised = triaged(alertId);
    assertEquals(Type.RED_FLAG, raised.getType());
    assertEquals(Status.OPEN, raised.getStatus());
    assertEquals("emergency", raised.getDisposition(), "triage's disposition for saddle numbness");
    AssessmentResult behind = ok("read triage's assessment behind the alert",
        () -> api.assessments().getAssessment(raised.getTriageAssessmentId()));
    assertEquals(Disposition.EMERGENCY, behind.getDisposition());
    assertEquals(ref, behind.getPatientRef(), "triage's assessment is about this patient, and belongs to this tenant");

    AlertResponse acknowledged = ok("acknowledge the alert", () -> api.alerts().acknowledgeAlert(alertId));
    assertEquals(Status.ACKNOWLEDGED, acknowledged.getStatus());
    assertEquals(409, refused("acknowledge it twice", () -> api.alerts().acknowledgeAlert(alertId)).status());
    AlertResponse resolved = ok("resolve the alert", () -> api.alerts().resolveAlert(alertId));
    assertEquals(Status.RESOLVED, resolved.getStatus());
    assertEquals(409, refused("resolve it twice", () -> api.alerts().resolveAlert(alertId)).status());
    assertTrue(ok("list the open alerts again", () -> api.alerts().listAlerts(null, null, patient, "open")).getItems().stream()
        .noneMatch(a -> alertId.equals(a.getId())), "a resolved alert is no longer open");
    assertEquals(Status.RESOLVED, ok("read the alert", () -> api.alerts().getAlert(alertId)).getStatus());
  }

  /** The alert once triage's disposition has replaced the cautious fallback. */
  private AlertResponse triaged(UUID alertId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      AlertResponse alert = ok("read the alert", () -> api.alerts().getAlert(alertId));
      if ("triage".equals(alert.getDispositionSource())) {
        return alert;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("triage-service never gave the alert its disposition: " + alert);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private void eraseThePatient() {
    var erased = ok("erase the patient", () -> api.patients().erasePatientWithHttpInfo(patient));
    assertEquals(204, erased.getStatusCode(), "erased in every service");
    assertEquals(404, refused("read the erased patient", () -> api.patients().getPatient(patient)).status());
    assertEquals(404, refused("list the erased patient's entries",
        () -> api.painEntries().listPainEntries(patient, null, null, null, null)).status());
    assertEquals(404, refused("read the erased patient's progress", () -> api.progress().getProgress(patient, null, null)).status());
    assertTrue(ok("list the alerts of the erased patient", () -> api.alerts().listAlerts(null, null, patient, null)).getItems()
        .isEmpty(), "the patient's alerts went too");
    assertEquals(404, refused("replay a keyed write for the erased patient",
        () -> api.painEntries().addPainEntry(patient, entry(1), "entry-after-erasure")).status());
    var left = ok("list triage's assessments of the patient", () -> api.assessments().listAssessments(null, 100, ref));
    assertTrue(left.getItems() == null || left.getItems().isEmpty(), "triage's assessments about the patient went too: " + left);
    for (UUID id : assessments) {
      assertEquals(404, refused("read an assessment of the erased patient", () -> api.assessments().getAssessment(id)).status());
    }
  }
}
