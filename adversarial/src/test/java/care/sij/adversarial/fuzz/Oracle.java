package care.sij.adversarial.fuzz;

import care.sij.adversarial.fuzz.Mutator.Case;
import care.sij.adversarial.fuzz.Mutator.Expect;
import care.sij.adversarial.fuzz.Mutator.Verdict;
import care.sij.adversarial.fuzz.Wire.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Judges one answer: never a 5xx, every 4xx a proper problem, the right field named, nothing stored when refused. */
final class Oracle {
  /** Statuses a valid request may get because of where its fixture stands (an alert acknowledged already). */
  private static final Set<String> FIXTURE_CONFLICTS = Set.of("acknowledgeAlert", "resolveAlert");

  enum Kind {
    NO_ANSWER("no HTTP answer"), SERVER_ERROR("5xx"), NOT_PROBLEM("4xx not problem+json"), STORED("stored on 4xx"),
    VALID_REFUSED("valid request refused"), MUTATION_ACCEPTED("mutation accepted"), WRONG_STATUS("unexpected 4xx status"),
    FIELD_NOT_NAMED("field not named"), WRONG_MESSAGE("field named without the expected message");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  record Finding(Kind kind, String detail) {}

  static boolean overloaded(Reply reply) {
    return reply.status() == 503 && reply.header("Retry-After") != null;
  }

  List<Finding> judge(Case c, Reply reply, String before, String after) {
    List<Finding> findings = new ArrayList<>();
    int status = reply.status();
    if (status == 0) {
      findings.add(new Finding(Kind.NO_ANSWER, reply.text()));
      return findings;
    }
    if (status >= 500 && !overloaded(reply)) {
      findings.add(new Finding(Kind.SERVER_ERROR, Integer.toString(status)));
    }
    JsonNode problem = null;
    if (status >= 400 && status < 500) {
      problem = problem(reply);
      if (problem == null && !c.expect().cutOffBelowQuarkus()) {
        findings.add(new Finding(Kind.NOT_PROBLEM, status + " " + reply.header("Content-Type")));
      }
      if (before != null && !before.equals(after)) {
        findings.add(new Finding(Kind.STORED, before + " -> " + after));
      }
    }
    Expect expect = c.expect();
    boolean success = status >= 200 && status < 400;
    if (expect.verdict() == Verdict.ACCEPT && !success
        && !(status == 409 && FIXTURE_CONFLICTS.contains(c.draft().op().id())) && !overloaded(reply)) {
      findings.add(new Finding(Kind.VALID_REFUSED, Integer.toString(status)));
    }
    if (expect.verdict() == Verdict.REFUSE) {
      if (success) {
        findings.add(new Finding(Kind.MUTATION_ACCEPTED, Integer.toString(status)));
      } else if (status >= 400 && status < 500 && !expect.statuses().isEmpty() && !expect.statuses().contains(status)) {
        findings.add(new Finding(Kind.WRONG_STATUS, status + ", expected " + expect.statuses()));
      }
    }
    if (status == 400 && expect.field() != null && expect.verdict() != Verdict.ACCEPT) {
      JsonNode named = named(reply, expect.field(), expect.message());
      if (named == null) {
        findings.add(new Finding(Kind.FIELD_NOT_NAMED, "expected " + expect.field() + ", got " + fields(reply)));
      } else if (expect.message() != null && !named.path("message").asText().contains(expect.message())) {
        findings.add(new Finding(Kind.WRONG_MESSAGE, named.path("field").asText() + ": " + named.path("message").asText()));
      }
    }
    return findings;
  }

  /** The body of a proper RFC 9457 answer: problem+json, whose status is the answer's, with a type and a title. */
  static JsonNode problem(Reply reply) {
    String type = reply.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
      return null;
    }
    try {
      JsonNode body = Fixtures.JSON.readTree(reply.body());
      boolean proper = body != null && body.isObject() && body.path("status").asInt() == reply.status()
          && !body.path("type").asText().isEmpty() && !body.path("title").asText().isEmpty();
      return proper ? body : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * The error that names the field (or one inside it), one with the expected message first if there is
   * one; fields of a query or header are named as sent.
   */
  private static JsonNode named(Reply reply, String expected, String message) {
    JsonNode problem = problem(reply);
    if (problem == null) {
      return null;
    }
    JsonNode found = null;
    for (JsonNode error : problem.path("errors")) {
      String field = error.path("field").asText("");
      for (String target : expected.split("\\|")) {
        if (!field.isEmpty() && (field.equalsIgnoreCase(target) || field.startsWith(target + ".") || field.startsWith(target + "["))) {
          if (message == null || error.path("message").asText().contains(message)) {
            return error;
          }
          found = found == null ? error : found;
        }
      }
    }
    return found;
  }

  private static String fields(Reply reply) {
    JsonNode problem = problem(reply);
    if (problem == null) {
      return "no problem body";
    }
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields.isEmpty() ? "no errors[] (" + problem.path("detail").asText() + ")" : fields.toString();
  }
}
