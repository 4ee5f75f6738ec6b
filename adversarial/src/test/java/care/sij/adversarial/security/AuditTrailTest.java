package care.sij.adversarial.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.adversarial.RunningSuite;
import care.sij.launcher.ServiceSchemas;
import care.sij.testsupport.DevTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A patient's whole life through the three services, each call with a request id of its own: every
 * access to the patient's data leaves exactly one event, with who, what, which record and how it
 * ended, and none holds the data; the trail is append-only for the service's own database role.
 */
class AuditTrailTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final String tenant = "audit-" + UUID.randomUUID();
  private final String token = DevTokens.forTenant(tenant, DevTokens.ALL_SCOPES);
  /** The request id of each call, with the event it should leave: service, action, resource type, outcome. */
  private final Map<String, String[]> expected = new LinkedHashMap<>();

  private JsonNode call(String service, String method, String path, String body, int status, String action, String resource)
      throws Exception {
    String requestId = "rq-" + UUID.randomUUID();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningSuite.url(service) + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("X-Request-Id", requestId).header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
    assertEquals(requestId, response.headers().firstValue("X-Request-Id").orElse(null), "the answer names its request");
    if (action != null) {
      expected.put(requestId, new String[] {service, action, resource, Integer.toString(status)});
    }
    return response.body().isEmpty() ? null : JSON.readTree(response.body());
  }

  @Test
  void everyAccessToAPatientLeavesOneEventWithWhoWhatAndOutcomeAndNoHealthData() throws Exception {
    String ref = "pt-audit-" + UUID.randomUUID().toString().substring(0, 8);
    String patient = call("progress", "POST", "/v1/patients", "{\"ref\":\"" + ref + "\"}", 201, "create", "patient").path("id").asText();
    String note = "note-" + UUID.randomUUID();
    String at = Instant.now().minusSeconds(600).toString();
    String entry = call("progress", "POST", "/v1/patients/" + patient + "/pain-entries",
        "{\"at\":\"" + at + "\",\"score\":6,\"context\":\"morning\",\"note\":\"" + note + "\","
            + "\"redFlags\":{\"saddleNumbness\":true}}", 201, "create", "pain-entry")
        .path("id").asText();
    call("progress", "POST", "/v1/patients/" + patient + "/pain-entries/bulk",
        "{\"items\":[{\"at\":\"" + Instant.now().minusSeconds(500) + "\",\"score\":5,\"context\":\"evening\"}]}", 201, "create", "pain-entry");
    call("progress", "POST", "/v1/patients/" + patient + "/sessions", "{\"at\":\"" + at + "\",\"painBefore\":3,"
        + "\"exercises\":[{\"exerciseId\":\"clamshell\",\"painDuring\":6}]}", 201, "create", "session");
    call("progress", "GET", "/v1/patients/" + patient, null, 200, "read", "patient");
    call("progress", "GET", "/v1/patients/" + patient + "/pain-entries", null, 200, "read", "pain-entry");
    call("progress", "GET", "/v1/patients/" + patient + "/sessions", null, 200, "read", "session");
    call("progress", "GET", "/v1/patients/" + patient + "/progress", null, 200, "read", "progress");
    call("progress", "GET", "/v1/patients/" + patient + "/report", null, 200, "read", "report");
    String alert = call("progress", "GET", "/v1/alerts?patientId=" + patient, null, 200, "read", "alert").path("items").get(0)
        .path("id").asText();
    call("progress", "GET", "/v1/alerts/" + alert, null, 200, "read", "alert");
    call("progress", "POST", "/v1/alerts/" + alert + "/acknowledge", null, 200, "acknowledge", "alert");
    call("progress", "POST", "/v1/alerts/" + alert + "/resolve", null, 200, "resolve", "alert");
    call("progress", "GET", "/v1/patients/" + UUID.randomUUID(), null, 404, "read", "patient");
    String assessment = call("triage", "POST", "/v1/assessments", "{\"patientRef\":\"" + ref + "\",\"painIntensity\":4}", 201,
        "create", "assessment").path("id").asText();
    call("triage", "GET", "/v1/assessments/" + assessment, null, 200, "read", "assessment");
    call("triage", "GET", "/v1/assessments?patientRef=" + ref, null, 200, "read", "assessment");
    call("triage", "GET", "/v1/questionnaire", null, 200, null, null); // no patient's data: not audited
    call("progress", "DELETE", "/v1/patients/" + patient, null, 204, "erase", "patient");

    Map<String, JsonNode> events = new HashMap<>();
    List<String> all = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // a read's event is stored within a second
    while (true) {
      events.clear();
      all.clear();
      for (String service : List.of("progress", "triage")) {
        for (JsonNode event : call(service, "GET", "/v1/audit-events?limit=100", null, 200, null, null).path("items")) {
          all.add(service + " " + event);
          if (expected.containsKey(event.path("requestId").asText())) {
            assertFalse(events.containsKey(event.path("requestId").asText()), "one event per access: " + event);
            events.put(event.path("requestId").asText(), event);
          }
        }
      }
      if (events.size() == expected.size() || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(200);
    }
    for (var e : expected.entrySet()) {
      JsonNode event = events.get(e.getKey());
      assertNotNull(event, "no event for " + String.join(" ", e.getValue()) + " among\n" + String.join("\n", all));
      String[] want = e.getValue();
      assertEquals(want[1], event.path("action").asText(), event.toString());
      assertEquals(want[2], event.path("resourceType").asText(), event.toString());
      assertEquals(Integer.parseInt(want[3]), event.path("outcome").asInt(), event.toString());
      assertEquals(tenant + "-dev", event.path("subject").asText(), event.toString());
      if (Integer.parseInt(want[3]) < 300) {
        String about = event.path("patientId").asText();
        assertTrue(about.equals(patient) || about.equals(ref), "the event names the patient: " + event);
      }
    }
    String trail = String.join("\n", all);
    // the red flag's assessment, made by progress-service on behalf of the tenant, is in the tenant's trail
    assertTrue(all.stream().anyMatch(e -> e.startsWith("triage ") && e.contains("\"action\":\"create\"") && e.contains("\"patientId\":\"" + ref + "\"")
        && !e.contains("\"subject\":\"" + tenant + "-dev\"")), "the delegated assessment is audited for the tenant:\n" + trail);
    assertTrue(trail.contains(entry), "a created entry is named by its id");
    assertFalse(trail.contains(note), "no health data in the trail");
    assertFalse(trail.contains("morning"), "no health data in the trail");
  }

  @Test
  void theServicesOwnRolesCannotChangeOrRemoveAnEvent() throws Exception {
    String jdbcUrl = RunningSuite.database().admin().jdbcUrl();
    for (String service : ServiceSchemas.SERVICES) {
      try (Connection c = DriverManager.getConnection(jdbcUrl, service, ServiceSchemas.localPassword(service))) {
        String table = service + "_audit.audit_event";
        c.createStatement().executeQuery("SELECT count(*) FROM " + table).close(); // it may read
        for (String change : List.of("UPDATE " + table + " SET outcome = 200", "DELETE FROM " + table, "TRUNCATE " + table,
            "DROP TABLE " + table, "ALTER TABLE " + table + " ADD COLUMN x int")) {
          SQLException refused = assertThrows(SQLException.class, () -> c.createStatement().execute(change), service + ": " + change);
          assertTrue(refused.getSQLState().equals("42501"), service + ": " + change + " -> " + refused.getMessage());
        }
      }
    }
  }
}
