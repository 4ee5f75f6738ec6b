package care.sij.triage.domain;

import care.sij.common.Problem;
import care.sij.common.ProblemException;
import care.sij.triage.catalog.CatalogRoutines;
import care.sij.triage.catalog.RememberedRoutines;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Makes, stores and finds assessments; each tenant sees only its own. */
@ApplicationScoped
public class Assessments {
  private static final ObjectMapper CANONICAL = new ObjectMapper().findAndRegisterModules()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private final RuleSets ruleSets;
  private final RememberedRoutines catalog;
  private final ObjectMapper json;
  private final Clock clock;

  Assessments(RuleSets ruleSets, RememberedRoutines catalog, ObjectMapper json, Clock clock) {
    this.ruleSets = ruleSets;
    this.catalog = catalog;
    this.json = json;
    this.clock = clock;
  }

  /** The stored assessment and whether it was stored before (a retry with the same Idempotency-Key). */
  public record Outcome(AssessmentResult result, boolean replayed) {}

  public Outcome assess(String tenant, SymptomReport report, String idempotencyKey) {
    String digest = digest(report);
    if (idempotencyKey != null) {
      var earlier = QuarkusTransaction.requiringNew().call(() -> Assessment.byIdempotencyKey(tenant, idempotencyKey));
      if (earlier.isPresent()) {
        return replay(earlier.get(), digest);
      }
    }
    RuleSet ruleSet = ruleSets.current();
    Triage.Evaluation evaluation = Triage.evaluate(ruleSet, report.answers());
    AssessmentResult result = result(ruleSet, report, evaluation); // the catalog call stays outside the transaction
    Assessment row = new Assessment();
    row.id = result.id();
    row.tenant = tenant;
    row.patientRef = report.patientRef();
    row.createdAt = result.createdAt();
    row.rulesetVersion = ruleSet.version();
    row.disposition = result.disposition().name();
    row.report = json.valueToTree(report);
    row.result = json.valueToTree(result);
    row.idempotencyKey = idempotencyKey;
    row.requestDigest = digest;
    try {
      QuarkusTransaction.requiringNew().run(row::persist);
    } catch (RuntimeException e) {
      if (idempotencyKey != null) { // a concurrent retry with the same key stored first
        var winner = QuarkusTransaction.requiringNew().call(() -> Assessment.byIdempotencyKey(tenant, idempotencyKey));
        if (winner.isPresent()) {
          return replay(winner.get(), digest);
        }
      }
      throw e;
    }
    return new Outcome(result, false);
  }

  public AssessmentResult get(String tenant, UUID id) {
    return Assessment.find(tenant, id).map(this::stored).orElseThrow(() -> new ProblemException.NotFound("assessment", id));
  }

  /**
   * Erasure of a patient: the tenant's assessments of patientRef, those made before createdBefore when
   * given. Returns how many went.
   */
  public long erase(String tenant, String patientRef, Instant createdBefore) {
    return QuarkusTransaction.requiringNew().call(() -> createdBefore == null
        ? Assessment.delete("tenant = ?1 and patientRef = ?2", tenant, patientRef)
        : Assessment.delete("tenant = ?1 and patientRef = ?2 and createdAt < ?3", tenant, patientRef, createdBefore));
  }

  public AssessmentResult stored(Assessment row) {
    return json.convertValue(row.result, AssessmentResult.class);
  }

  private Outcome replay(Assessment earlier, String digest) {
    if (!earlier.requestDigest.equals(digest)) {
      throw new ProblemException.Unprocessable("this Idempotency-Key was used with a different report",
          List.of(new Problem.FieldError("Idempotency-Key", "already used with a different body")));
    }
    return new Outcome(stored(earlier), true);
  }

  private AssessmentResult result(RuleSet ruleSet, SymptomReport report, Triage.Evaluation e) {
    List<AssessmentResult.FiredRule> fired = e.firedRules().stream()
        .map(r -> new AssessmentResult.FiredRule(r.id(), r.disposition(), r.reason(), r.action(),
            r.sources().stream().map(s -> ruleSet.sources().get(s)).toList()))
        .toList();
    RuleSet.DispositionInfo info = ruleSet.info(e.disposition());
    String action = !fired.isEmpty() ? fired.get(0).action()
        : e.complete() ? "Follow the suggested routine and the safety-net advice."
        : "Answer the missing questions for a complete assessment; until then, book a clinician rather than treating this at home.";
    AssessmentResult.PathwayAdvice pathway = e.pathway() == null ? null : pathway(e.pathway());
    return new AssessmentResult(UUID.randomUUID(), report.patientRef(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
        ruleSet.version(), e.disposition(), e.complete(), e.missingQuestions(), e.disposition() == Disposition.self_care, fired,
        new AssessmentResult.Care(info.label(), info.who(), info.when(), action), pathway, ruleSet.safetyNet(), summary(info, e));
  }

  private AssessmentResult.PathwayAdvice pathway(RuleSet.Pathway p) {
    CatalogRoutines.Lookup lookup = catalog.routine(p.routine());
    if (lookup instanceof CatalogRoutines.Lookup.Found found) {
      return new AssessmentResult.PathwayAdvice(p.id(), p.reason(), p.routine(),
          new AssessmentResult.Routine(found.routine().name(), found.routine().summary()), "available");
    }
    String status = lookup instanceof CatalogRoutines.Lookup.NotFound ? "not_found" : "unavailable";
    return new AssessmentResult.PathwayAdvice(p.id(), p.reason(), p.routine(), null, status);
  }

  private static String summary(RuleSet.DispositionInfo info, Triage.Evaluation e) {
    String advice = info.label() + " (" + info.when().toLowerCase(java.util.Locale.ROOT) + ").";
    if (!e.complete()) {
      return advice + " Some questions that could change this are unanswered: " + String.join(", ", e.missingQuestions()) + ".";
    }
    return advice;
  }

  private static String digest(SymptomReport report) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(CANONICAL.convertValue(report, java.util.Map.class)).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
