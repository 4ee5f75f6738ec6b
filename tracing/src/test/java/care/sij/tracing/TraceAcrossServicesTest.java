package care.sij.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import care.sij.launcher.Suite;
import care.sij.testsupport.DevTokens;
import care.sij.testsupport.SymptomReports;
import care.sij.tracing.OtlpReceiver.ReceivedSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The three services as built, started as processes that export their spans to an OTLP receiver in
 * this test's memory (the SIJ_OTLP_ENDPOINT switch). Each request is sent with a W3C traceparent of
 * the test's own, so that its trace is known before any service answers; the spans received then show
 * which service's span is the parent of which, across process boundaries.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraceAcrossServicesTest {
  private static final int PORT_OFFSET = Integer.getInteger("tracing.port-offset", 18_000);
  private static final Duration EXPORT_WAIT = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private static OtlpReceiver receiver;
  private static Suite suite;

  @BeforeAll
  static void start() throws IOException {
    receiver = OtlpReceiver.start();
    // exported within a fraction of a second, so that the test waits little for each trace
    suite = Suite.startedForThisJvm("tracing/target/suite", PORT_OFFSET,
        List.of("-DSIJ_OTLP_ENDPOINT=" + receiver.endpoint(), "-Dquarkus.otel.bsp.schedule.delay=100ms"));
  }

  @AfterAll
  static void stop() {
    if (suite != null) {
      suite.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  /** A traceparent the test makes up, as a caller's own tracing would: version 00, sampled. */
  private record Parent(String traceId, String spanId) {
    static Parent random() {
      byte[] trace = new byte[16];
      byte[] span = new byte[8];
      RANDOM.nextBytes(trace);
      RANDOM.nextBytes(span);
      return new Parent(HexFormat.of().formatHex(trace), HexFormat.of().formatHex(span));
    }

    String header() {
      return "00-" + traceId + "-" + spanId + "-01";
    }
  }

  @Test
  @Order(1)
  void aRedFlagPainEntryIsOneTraceFromProgressIntoTriage() throws Exception {
    String token = token();
    String patient = patient(token);
    Parent parent = Parent.random();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("at", Instant.now().minus(Duration.ofHours(1)).toString());
    entry.put("score", 7);
    entry.put("context", "morning");
    entry.put("redFlags", Map.of("saddleNumbness", true));
    HttpResponse<String> added = send("progress", "POST", "/v1/patients/" + patient + "/pain-entries", token, entry, parent);
    assertEquals(201, added.statusCode(), added.body());
    assertFalse(JSON.readTree(added.body()).path("redFlagAlertId").isMissingNode(), "the entry raised a red-flag alert: " + added.body());

    List<ReceivedSpan> trace = awaitTrace(parent.traceId(), spans -> server(spans, "progress").isPresent() && server(spans, "triage").isPresent());
    ReceivedSpan progress = server(trace, "progress").orElseThrow();
    assertEquals(parent.spanId(), progress.parentSpanId(), "progress's request span continues the caller's traceparent: " + show(trace));
    ReceivedSpan triage = server(trace, "triage").orElseThrow();
    assertTrue(triage.name().contains("/v1/assessments"), "triage's span is its createAssessment: " + show(trace));
    ReceivedSpan call = parentOf(triage, trace);
    assertEquals("progress-service", call.service(), "triage's request span is the child of a span in progress: " + show(trace));
    assertEquals("CLIENT", call.kind(), "... progress's call to triage: " + show(trace));
    assertTrue(reaches(call, progress, trace), "progress's call to triage is made within its request's span: " + show(trace));
    assertTraceIdsAre(parent.traceId(), trace);
  }

  @Test
  @Order(2)
  void aSelfCareAssessmentCarriesItsTraceFromTriageIntoCatalog() throws Exception {
    Parent parent = Parent.random();
    HttpResponse<String> assessed = send("triage", "POST", "/v1/assessments", token(), SymptomReports.benign(), parent);
    assertEquals(201, assessed.statusCode(), assessed.body());
    // the routine's status may be "unavailable" on a loaded machine (a timeout): the call was made all the same
    assertEquals("mobility", JSON.readTree(assessed.body()).path("pathway").path("id").asText(),
        "self-care, for which triage asks the catalog for a routine: " + assessed.body());

    List<ReceivedSpan> trace = awaitTrace(parent.traceId(), spans -> server(spans, "triage").isPresent() && server(spans, "catalog").isPresent());
    assertCalledWithin(trace, parent, "triage", "catalog");
  }

  @Test
  @Order(3)
  void anExerciseSessionCarriesItsTraceFromProgressIntoCatalog() throws Exception {
    String token = token();
    String patient = patient(token);
    Parent parent = Parent.random();
    HttpResponse<String> stored = send("progress", "POST", "/v1/patients/" + patient + "/sessions", token, session("glute-bridge"), parent);
    assertEquals(201, stored.statusCode(), stored.body());

    List<ReceivedSpan> trace = awaitTrace(parent.traceId(), spans -> server(spans, "progress").isPresent() && server(spans, "catalog").isPresent());
    assertCalledWithin(trace, parent, "progress", "catalog");
  }

  @Test
  @Order(4)
  void everyProblemNamesTheTraceOfItsRequest() throws Exception {
    String token = token();
    Map<String, String> writes = Map.of("catalog", "/v1/routines/mobility-routine/plan", "triage", "/v1/assessments",
        "progress", "/v1/patients");
    for (Map.Entry<String, String> write : writes.entrySet()) {
      Parent parent = Parent.random();
      // refused by the problem mapper, inside Quarkus REST
      HttpResponse<String> malformed = send(write.getKey(), "POST", write.getValue(), token, "{\"unfinished\":", parent);
      assertProblemNames(parent, 400, malformed, write.getKey());
      // refused at the edge (care.sij.common.RequestGate) before a byte of the body is read
      Parent another = Parent.random();
      HttpResponse<String> stranger = send(write.getKey(), "POST", write.getValue(), null, "{}", another);
      assertProblemNames(another, 401, stranger, write.getKey());
    }
  }

  /** Last: it stops the catalog, which the tests before need. */
  @Test
  @Order(5)
  void aLogLineWrittenForARequestCarriesItsTraceId() throws Exception {
    String token = token();
    String patient = patient(token);
    suite.stop("catalog");
    Parent parent = Parent.random();
    // an exercise not asked about before, so that progress's cache of catalog answers cannot answer for it
    HttpResponse<String> stored = send("progress", "POST", "/v1/patients/" + patient + "/sessions", token, session("bird-dog"), parent);
    assertEquals(201, stored.statusCode(), "stored unverified while the catalog is away: " + stored.body());

    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(suite.service("progress").log())) {
      if (line.startsWith("{")) {
        lines.add(JSON.readTree(line));
      }
    }
    Optional<JsonNode> warning = lines.stream().filter(l -> l.path("message").asText().contains("could not check exercise bird-dog"))
        .findFirst();
    assertTrue(warning.isPresent(), "progress logged, as JSON, that it could not check the exercise");
    assertEquals(parent.traceId(), warning.get().path("mdc").path("traceId").asText(),
        "the log line names the request's trace: " + warning.get());
    assertTrue(warning.get().path("mdc").path("spanId").asText().matches("[0-9a-f]{16}"), warning.get().toString());
  }

  /** The callee's request span is the child of the caller's call, made within the caller's request span. */
  private static void assertCalledWithin(List<ReceivedSpan> trace, Parent parent, String caller, String callee) {
    ReceivedSpan request = server(trace, caller).orElseThrow();
    assertEquals(parent.spanId(), request.parentSpanId(), caller + "'s request span continues the caller's traceparent: " + show(trace));
    ReceivedSpan served = server(trace, callee).orElseThrow();
    ReceivedSpan call = parentOf(served, trace);
    assertEquals(caller + "-service", call.service(), callee + "'s request span is the child of a span in " + caller + ": " + show(trace));
    assertEquals("CLIENT", call.kind(), "... " + caller + "'s call to " + callee + ": " + show(trace));
    assertTrue(reaches(call, request, trace), caller + "'s call is made within its request's span: " + show(trace));
    assertTraceIdsAre(parent.traceId(), trace);
  }

  private static void assertProblemNames(Parent parent, int status, HttpResponse<String> answer, String service) throws IOException {
    assertEquals(status, answer.statusCode(), service + ": " + answer.body());
    assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), service);
    assertEquals(parent.traceId(), JSON.readTree(answer.body()).path("traceId").asText(),
        service + "'s problem names the trace of the request it answers: " + answer.body());
  }

  private static void assertTraceIdsAre(String traceId, List<ReceivedSpan> trace) {
    assertTrue(trace.stream().allMatch(s -> s.traceId().equals(traceId)), show(trace));
    assertEquals(List.of(), receiver.failures(), "every export could be read");
    assertEquals(List.of("/v1/traces"), receiver.paths().stream().distinct().toList(), "OTLP over HTTP, at its standard path");
  }

  private static Optional<ReceivedSpan> server(List<ReceivedSpan> trace, String service) {
    return trace.stream().filter(s -> s.service().equals(service + "-service")).filter(s -> s.kind().equals("SERVER")).findFirst();
  }

  private static ReceivedSpan parentOf(ReceivedSpan span, List<ReceivedSpan> trace) {
    return trace.stream().filter(s -> s.spanId().equals(span.parentSpanId())).findFirst()
        .orElseGet(() -> fail("no span in the trace is the parent of " + span + ": " + show(trace)));
  }

  /** Whether the ancestor is the span itself or on its chain of parents. */
  private static boolean reaches(ReceivedSpan span, ReceivedSpan ancestor, List<ReceivedSpan> trace) {
    ReceivedSpan at = span;
    for (int hops = 0; at != null && hops <= trace.size(); hops++) {
      if (at.spanId().equals(ancestor.spanId())) {
        return true;
      }
      String parentId = at.parentSpanId();
      at = trace.stream().filter(s -> s.spanId().equals(parentId)).findFirst().orElse(null);
    }
    return false;
  }

  private static List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> complete) throws InterruptedException {
    Instant deadline = Instant.now().plus(EXPORT_WAIT);
    List<ReceivedSpan> trace = receiver.trace(traceId);
    while (!complete.test(trace) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      trace = receiver.trace(traceId);
    }
    // the callers' spans end after their callees' and may come in a later export
    Thread.sleep(500);
    trace = receiver.trace(traceId);
    if (!complete.test(trace)) {
      fail("the trace did not reach every service within " + EXPORT_WAIT.toSeconds() + " s: " + show(trace) + "(" + receiver.spans().size()
          + " spans received in all; exports that could not be read: " + receiver.failures() + ")");
    }
    System.out.println("[trace " + traceId + "]\n" + show(trace));
    return trace;
  }

  private static String show(List<ReceivedSpan> trace) {
    StringBuilder out = new StringBuilder();
    trace.forEach(s -> out.append("  ").append(s.service()).append(' ').append(s.kind()).append(" '").append(s.name()).append("' ")
        .append(s.spanId()).append(" <- ").append(s.parentSpanId().isEmpty() ? "(root)" : s.parentSpanId()).append('\n'));
    return out.toString();
  }

  private static String token() {
    return DevTokens.forTenant("tracing-" + UUID.randomUUID(), DevTokens.ALL_SCOPES);
  }

  private static String patient(String token) throws Exception {
    HttpResponse<String> created = send("progress", "POST", "/v1/patients", token, Map.of("ref", "pt-" + UUID.randomUUID()), null);
    assertEquals(201, created.statusCode(), created.body());
    return JSON.readTree(created.body()).path("id").asText();
  }

  private static Map<String, Object> session(String exerciseId) {
    return Map.of("at", Instant.now().minus(Duration.ofHours(2)).toString(),
        "exercises", List.of(Map.of("exerciseId", exerciseId, "sets", 2, "reps", 10)), "painBefore", 3, "painAfter", 3);
  }


  /** The body (a JSON string as is, else as JSON) to the service, with the token and the traceparent when given. */
  private static HttpResponse<String> send(String service, String method, String path, String token, Object body, Parent parent)
      throws Exception {
    String json = body instanceof String text ? text : JSON.writeValueAsString(body);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.service(service).baseUrl() + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (parent != null) {
      request.header("traceparent", parent.header());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
