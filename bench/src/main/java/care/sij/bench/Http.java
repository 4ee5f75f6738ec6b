package care.sij.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few HTTP calls the bench makes itself (seeding, checks), with a bearer token; anything but 2xx throws. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String token;

  Http(String token) {
    this.token = token;
  }

  /** One request as wrk will send it. */
  record Call(String method, String path, String body, String accept) {
    static Call get(String path) {
      return new Call("GET", path, null, null);
    }

    static Call post(String path, Object body) {
      return new Call("POST", path, json(body), null);
    }

    Call accepting(String mediaType) {
      return new Call(method, path, body, mediaType);
    }
  }

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }

  Answer send(String baseUrl, Call call) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", call.accept() == null ? "application/json" : call.accept());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (call.body() != null) {
      request.header("Content-Type", "application/json").method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
    } else {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(call.method() + " " + baseUrl + call.path() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(call.method() + " " + baseUrl + call.path() + " answered " + response.statusCode() + ": "
          + abbreviate(response.body()));
    }
    return new Answer(response.statusCode(), response.body());
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String abbreviate(String s) {
    return s.length() > 500 ? s.substring(0, 500) + "..." : s;
  }
}
