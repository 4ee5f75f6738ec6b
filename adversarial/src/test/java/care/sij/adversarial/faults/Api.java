package care.sij.adversarial.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import care.sij.adversarial.RunningSuite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The services' API as a client sees it: HTTP/1.1, JSON bodies, answers with their timing. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROBLEM_JSON = "application/problem+json";
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private Api() {}

  /** An answer, how long it took, and what a fault test looks at in it. */
  record Answer(int status, String contentType, Optional<String> retryAfter, String body, Duration took) {
    boolean isProblem() {
      return contentType.startsWith(PROBLEM_JSON);
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + " " + contentType + "): " + shortBody(), e);
      }
    }

    /** The fields a problem's errors name, empty if it names none or is no problem. */
    List<String> errorFields() {
      List<String> fields = new ArrayList<>();
      if (!isProblem()) {
        return fields;
      }
      try {
        JSON.readTree(body).path("errors").forEach(e -> fields.add(e.path("field").asText()));
      } catch (IOException e) {
        // not JSON: names nothing
      }
      return fields;
    }

    String shortBody() {
      return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    @Override
    public String toString() {
      return status + " " + contentType + retryAfter.map(r -> " Retry-After: " + r).orElse("") + " in "
          + took.toMillis() + " ms: " + shortBody();
    }
  }

  static String url(String service, String path) {
    return RunningSuite.url(service) + path;
  }

  static HttpRequest.Builder request(String service, String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(service, path))).timeout(Duration.ofSeconds(10));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  static Answer send(HttpRequest request) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Retry-After"), response.body(), took);
  }

  static Answer get(String service, String path, String token) throws IOException, InterruptedException {
    return send(request(service, path, token).header("Accept", "application/json").GET().build());
  }

  static Answer post(String service, String path, String token, Object body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = request(service, path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
    headers.forEach(builder::header);
    return send(builder.build());
  }

  static Answer post(String service, String path, String token, Object body) throws IOException, InterruptedException {
    return post(service, path, token, body, Map.of());
  }

  /** A fresh tenant, so that what a test reads back is only what it wrote. */
  static String freshTenant(String purpose) {
    return "faults-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Registers a patient of the token's tenant and returns its id. */
  static String createPatient(String token, String ref) throws IOException, InterruptedException {
    Answer created = post("progress", "/v1/patients", token,
        Map.of("ref", ref, "plan", Map.of("routineId", "stability-routine", "sessionsPerWeek", 5)));
    assertEquals(201, created.status(), "registering " + ref + ": " + created);
    return created.json().path("id").asText();
  }

  /**
   * Makes sure every service answers ready before a test, so that each test starts from a whole suite
   * whatever an earlier one did to it: a service that does not answer within the wait (dead, or alive
   * but unresponsive, e.g. after an OutOfMemoryError it survived) is stopped and started again, and the
   * summary says so, since the test before it left it broken.
   */
  static void awaitWholeSuite(String test) throws IOException, InterruptedException {
    for (var service : RunningSuite.services()) {
      String name = service.service().name();
      Optional<String> broken = notReadyWithin(service, Duration.ofSeconds(15));
      if (broken.isPresent()) {
        service.process().destroyForcibly(); // a JVM thrashing its heap would sit out a graceful stop
        service.process().waitFor();
        RunningSuite.get().startAgain(name);
        var figures = FaultsSummary.figures();
        figures.put(name + "-service", "not ready (" + broken.get() + "), killed and started again");
        FaultsSummary.section("Suite repaired before " + test, figures);
      }
    }
  }

  private static Optional<String> notReadyWithin(care.sij.launcher.Suite.Started service, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    String last = "no answer";
    while (service.process().isAlive()) {
      try {
        Answer ready = send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2)).build());
        if (ready.status() == 200) {
          return Optional.empty();
        }
        last = ready.toString();
      } catch (IOException e) {
        last = e.toString();
      }
      if (System.nanoTime() > deadline) {
        return Optional.of(last);
      }
      Thread.sleep(100);
    }
    return Optional.of("exited with " + service.process().exitValue());
  }

  /** Every item of a paged listing (limit=100, following nextCursor until there is none). */
  static List<JsonNode> readAll(String path, String token) throws IOException, InterruptedException {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    do {
      String page = path + (path.contains("?") ? "&" : "?") + "limit=100"
          + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
      Answer answer = get("progress", page, token);
      assertEquals(200, answer.status(), "reading " + page + ": " + answer);
      JsonNode json = answer.json();
      json.path("items").forEach(items::add);
      cursor = json.hasNonNull("nextCursor") ? json.get("nextCursor").asText() : null;
    } while (cursor != null);
    return items;
  }
}
