package care.sij.adversarial.fuzz;

import care.sij.adversarial.fuzz.Contracts.Operation;
import care.sij.adversarial.fuzz.Fixtures.Bound;
import care.sij.adversarial.fuzz.Wire.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a write would have changed, read back through the API, one kind of resource each: the same
 * state before and after a refused write means nothing was stored.
 */
final class Readbacks {
  private Readbacks() {}

  /** A reading of what an operation's write touches. */
  interface Readback {
    String state(Fixtures fx, Bound sent);
  }

  static Optional<Readback> of(Operation op) {
    return Optional.ofNullable(switch (op.id()) {
      case "createExercise", "replaceExercise", "retireExercise" -> (fx, sent) -> entry(fx, "/v1/exercises/", sent.probeId());
      case "createRoutine", "replaceRoutine", "retireRoutine" -> (fx, sent) -> entry(fx, "/v1/routines/", sent.probeId());
      case "createAssessment", "eraseAssessments" -> (fx, sent) -> "assessments=" + count(fx, "triage", "/v1/assessments");
      case "createPatient" -> (fx, sent) -> "patients=" + count(fx, "progress", "/v1/patients");
      case "erasePatient" -> (fx, sent) -> "patients=" + count(fx, "progress", "/v1/patients")
          + (sent.probeId() == null ? "" : " probe=" + fx.send("progress", "GET", "/v1/patients/" + Fixtures.encode(sent.probeId()), null).status());
      case "addPainEntry", "addPainEntries" -> (fx, sent) -> "pain-entries=" + count(fx, "progress", "/v1/patients/" + fx.patientId() + "/pain-entries");
      case "addSession", "addSessions" -> (fx, sent) -> "sessions=" + count(fx, "progress", "/v1/patients/" + fx.patientId() + "/sessions");
      case "acknowledgeAlert", "resolveAlert" -> (fx, sent) -> alert(fx);
      default -> null;
    });
  }

  /** A catalog entry by id: absent, or its entity tag (which any change would change). */
  private static String entry(Fixtures fx, String collection, String id) {
    if (id == null) {
      return "no id";
    }
    Reply reply = fx.send("catalog", "GET", collection + Fixtures.encode(id), null);
    return reply.status() + " " + reply.header("ETag");
  }

  private static String alert(Fixtures fx) {
    JsonNode alert = fx.getJson("progress", "/v1/alerts/" + fx.alertId());
    return alert.path("status").asText() + " " + alert.path("updatedAt").asText();
  }

  /** Every item of a listing, page after page. */
  private static int count(Fixtures fx, String service, String list) {
    int items = 0;
    String cursor = null;
    for (int page = 0; page < 200; page++) {
      JsonNode body = fx.getJson(service, list + "?limit=100" + (cursor == null ? "" : "&cursor=" + Fixtures.encode(cursor)));
      items += body.path("items").size();
      cursor = body.path("nextCursor").asText(null);
      if (cursor == null) {
        return items;
      }
    }
    throw new IllegalStateException("more than 200 pages in " + list);
  }
}
