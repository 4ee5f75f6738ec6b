package care.sij.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Loads seeds/demo/progress.yaml through the progress API for ./run, so that a newcomer sees figures,
 * alerts and a chart at once. A patient whose ref exists already (an earlier run) is left as it is.
 */
final class DemoData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RETRIES = 5;

  private DemoData() {}

  static int load(Path file, String progressUrl, String token) throws IOException, InterruptedException {
    if (!Files.exists(file)) {
      return 0;
    }
    HttpClient http = HttpClient.newHttpClient();
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    int loaded = 0;
    for (JsonNode p : new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).path("patients")) {
      ObjectNode patient = JSON.createObjectNode().put("ref", p.path("ref").asText());
      patient.set("plan", p.path("plan"));
      HttpResponse<String> created = post(http, progressUrl + "/v1/patients", token, patient);
      if (created.statusCode() == 409) {
        continue;
      }
      String id = JSON.readTree(created.body()).path("id").asText();
      ArrayNode entries = JSON.createArrayNode();
      JsonNode scores = p.path("painScores");
      for (int i = 0; i < scores.size(); i++) {
        String at = yesterday.minusDays(scores.size() - 1 - i).atTime(8, 0).toInstant(ZoneOffset.UTC).toString();
        entries.addObject().put("at", at).put("score", scores.get(i).asInt()).put("context", "morning");
      }
      post(http, progressUrl + "/v1/patients/" + id + "/pain-entries/bulk", token, JSON.createObjectNode().set("items", entries));
      ArrayNode sessions = JSON.createArrayNode();
      for (JsonNode group : p.path("sessions")) {
        for (JsonNode daysAgo : group.path("daysAgo")) {
          ObjectNode session = sessions.addObject()
              .put("at", LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo.asInt()).atTime(18, 0).toInstant(ZoneOffset.UTC).toString());
          ArrayNode done = session.putArray("exercises");
          group.path("exercises").forEach(e -> done.addObject().put("exerciseId", e.asText()));
        }
      }
      if (!sessions.isEmpty()) {
        post(http, progressUrl + "/v1/patients/" + id + "/sessions/bulk", token, JSON.createObjectNode().set("items", sessions));
      }
      loaded++;
    }
    return loaded;
  }

  private static HttpResponse<String> post(HttpClient http, String url, String token, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    // the loader is one client under the services' own rate limits: it waits as they ask, as any client should
    for (int attempt = 0; response.statusCode() == 429 && attempt < MAX_RETRIES; attempt++) {
      Thread.sleep(Duration.ofSeconds(retryAfter(response)).toMillis());
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    if (response.statusCode() >= 400 && response.statusCode() != 409) {
      throw new IllegalStateException("demo data: " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private static long retryAfter(HttpResponse<String> response) {
    try {
      return Math.max(1, Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
