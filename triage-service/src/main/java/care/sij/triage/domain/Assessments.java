package care.sij.triage.domain;

import care.sij.common.Idempotency;
import care.sij.common.ProblemException;
import care.sij.triage.catalog.CatalogRoutines;
import care.sij.triage.catalog.RememberedRoutines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Makes, stores and finds assessments; each tenant sees only its own. */
@ApplicationScoped
public class Assessments {
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
    JsonNode answers = json.valueToTree(report);
    if (idempotencyKey == null) {
      return new Outcome(educated(save(tenant, report, answers, null)), false);
    }
    // a retry matches on the report as stored (unanswered questions left out), so one sent across an upgrade that added questions still does
    Idempotency.Outcome<AssessmentResult> once = Idempotency.once(() -> byKey(tenant, idempotencyKey),
        earlier -> earlier.report.equals(answers), this::stored, () -> educated(save(tenant, report, answers, idempotencyKey)));
    return new Outcome(once.answer(), once.replayed());
  }

  /** Evaluates the report and stores it with its result; the catalog is asked before the transaction. */
  private AssessmentResult save(String tenant, SymptomReport report, JsonNode answers, String idempotencyKey) {
    RuleSet ruleSet = ruleSets.current();
    Triage.Evaluation evaluation = Triage.evaluate(ruleSet, report.answers());
    AssessmentResult result = result(ruleSet, report, evaluation);
    Assessment row = new Assessment();
    row.id = result.id();
    row.tenant = tenant;
    row.patientRef = report.patientRef();
    row.createdAt = result.createdAt();
    row.rulesetVersion = ruleSet.version();
    row.disposition = result.disposition().name();
    row.report = answers;
    row.result = json.valueToTree(result);
    row.idempotencyKey = idempotencyKey;
    persist(row);
    return result;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void persist(Assessment row) {
    row.persist();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Optional<Assessment> byKey(String tenant, String idempotencyKey) {
    return Assessment.byIdempotencyKey(tenant, idempotencyKey);
  }

  public AssessmentResult get(String tenant, UUID id) {
    return Assessment.find(tenant, id).map(this::stored).orElseThrow(() -> new ProblemException.NotFound("assessment", id));
  }

  /**
   * Erasure of a patient: the tenant's assessments of patientRef, those made before createdBefore when
   * given. Returns how many went.
   */
  @Transactional
  public long erase(String tenant, String patientRef, Instant createdBefore) {
    return createdBefore == null
        ? Assessment.delete("tenant = ?1 and patientRef = ?2", tenant, patientRef)
        : Assessment.delete("tenant = ?1 and patientRef = ?2 and createdAt < ?3", tenant, patientRef, createdBefore);
  }

  /** A stored assessment as it was given, with the education parts every answer carries. */
  public AssessmentResult stored(Assessment row) {
    return educated(json.convertValue(row.result, AssessmentResult.class));
  }

  /**
   * The disclaimer and topic links, from the current rule set whatever version made the assessment: they
   * are education, not part of the clinical result, and a rule set without them links none of its own.
   */
  private AssessmentResult educated(AssessmentResult result) {
    RuleSet current = ruleSets.current();
    Set<String> topics = new LinkedHashSet<>();
    current.dispositions().stream().filter(d -> d.id() == result.disposition()).forEach(d -> topics.addAll(d.topics()));
    for (AssessmentResult.FiredRule fired : result.firedRules()) {
      current.rules().stream().filter(r -> r.id().equals(fired.id())).forEach(r -> topics.addAll(r.topics()));
    }
    if (result.pathway() != null) {
      current.pathways().stream()
          .filter(p -> p.id().equals(result.pathway().id()) && p.routine().equals(result.pathway().routineId()))
          .findFirst().ifPresent(p -> topics.addAll(p.topics()));
    }
    topics.addAll(current.education().topics());
    List<AssessmentResult.TopicLink> links = new ArrayList<>();
    topics.forEach(t -> links.add(AssessmentResult.TopicLink.of(t)));
    return result.withEducation(current.education().disclaimer(), List.copyOf(links));
  }

  private AssessmentResult result(RuleSet ruleSet, SymptomReport report, Triage.Evaluation e) {
    List<AssessmentResult.FiredRule> fired = e.firedRules().stream()
        .map(r -> new AssessmentResult.FiredRule(r.id(), r.disposition(), r.reason(), r.action(), r.cautiousReading(),
            r.sources().stream().map(s -> new AssessmentResult.SourceRef(s.id(), ruleSet.sourceTitles().get(s.id()), s.locator())).toList()))
        .toList();
    RuleSet.DispositionInfo info = ruleSet.info(e.disposition());
    String action = !fired.isEmpty() ? fired.get(0).action()
        : e.complete() ? "Follow the suggested routine and the safety-net advice."
        : "Answer the missing questions for a complete assessment; until then, book a clinician rather than treating this at home.";
    AssessmentResult.PathwayAdvice pathway = e.pathway() == null ? null : pathway(e.pathway());
    return new AssessmentResult(UUID.randomUUID(), report.patientRef(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
        ruleSet.version(), e.disposition(), e.complete(), e.missingQuestions(), e.disposition() == Disposition.self_care, fired,
        new AssessmentResult.Care(info.label(), info.who(), info.when(), action), pathway, ruleSet.safetyNet(), summary(info, e),
        null, null);
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
}
