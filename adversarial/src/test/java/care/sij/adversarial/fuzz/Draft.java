package care.sij.adversarial.fuzz;

import care.sij.adversarial.fuzz.Contracts.Operation;
import care.sij.adversarial.fuzz.Wire.Header;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request before the fixtures bind it: values not yet percent-encoded unless {@link Part#verbatim()},
 * late-bound tokens ({@link Fixtures#UNIQUE}, {@link Fixtures#ETAG}, fresh resources) still in place.
 *
 * @param auth null: the tenant's token; "": no Authorization header; else the header's whole value
 * @param rawJson a JSON text to put in place of the string {@link #RAW} in the body (numbers and escapes Jackson will not write)
 * @param rawBody bytes sent instead of the body, for malformed JSON
 */
record Draft(Operation op, String method, Map<String, Part> path, List<Query> query, List<Header> headers, JsonNode body,
    String rawJson, byte[] rawBody, String contentType, String auth) {
  static final String RAW = "@@fuzz-raw@@";

  /** A path or query value; verbatim values are sent exactly as written. */
  record Part(String text, boolean verbatim) {
    static Part of(String text) {
      return new Part(text, false);
    }
  }

  record Query(String name, Part value) {}

  static Draft of(Operation op, Map<String, String> path, List<Query> query, List<Header> headers, JsonNode body) {
    Map<String, Part> parts = new LinkedHashMap<>();
    path.forEach((k, v) -> parts.put(k, Part.of(v)));
    return new Draft(op, op.method(), parts, query, headers, body, null, null, body == null ? null : "application/json", null);
  }

  Draft withPath(String name, Part value) {
    Map<String, Part> changed = new LinkedHashMap<>(path);
    changed.put(name, value);
    return new Draft(op, method, changed, query, headers, body, rawJson, rawBody, contentType, auth);
  }

  Draft withQuery(List<Query> changed) {
    return new Draft(op, method, path, List.copyOf(changed), headers, body, rawJson, rawBody, contentType, auth);
  }

  Draft withQueryValue(String name, Part value) {
    List<Query> changed = new ArrayList<>(query.stream().filter(q -> !q.name().equals(name)).toList());
    changed.add(new Query(name, value));
    return withQuery(changed);
  }

  Draft withHeader(String name, String value) {
    return new Draft(op, method, path, query, Wire.with(headers, name, value), body, rawJson, rawBody, contentType, auth);
  }

  Draft withBody(JsonNode changed, String raw) {
    return new Draft(op, method, path, query, headers, changed, raw, null, contentType, auth);
  }

  Draft withRawBody(byte[] bytes, String type) {
    return new Draft(op, method, path, query, headers, body, null, bytes, type, auth);
  }

  Draft withContentType(String type) {
    return new Draft(op, method, path, query, headers, body, rawJson, rawBody, type, auth);
  }

  Draft withAuth(String value) {
    return new Draft(op, method, path, query, headers, body, rawJson, rawBody, contentType, value);
  }

  Draft withMethod(String other) {
    return new Draft(op, other, path, query, headers, body, rawJson, rawBody, contentType, auth);
  }
}
