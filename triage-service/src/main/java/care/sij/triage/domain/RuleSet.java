package care.sij.triage.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A versioned rule set: questionnaire, dispositions, rules, pathways and safety-net advice. */
public record RuleSet(
    String version,
    LocalDate published,
    Disposition incompleteFloor,
    List<DispositionInfo> dispositions,
    List<Question> questions,
    List<Rule> rules,
    List<Pathway> pathways,
    List<String> safetyNet,
    Map<String, SourceRef> sources,
    JsonNode document,
    String digest) {

  /** Who to see and how soon, for a disposition. */
  public record DispositionInfo(Disposition id, String label, String who, String when) {}

  public record Rule(String id, Disposition disposition, Condition when, String reason, String action, List<String> sources) {}

  public record Pathway(String id, Condition when, String routine, String reason) {}

  /** An article or guideline a rule cites. */
  public record SourceRef(String id, String title) {}

  public DispositionInfo info(Disposition disposition) {
    return dispositions.stream().filter(d -> d.id() == disposition).findFirst().orElseThrow();
  }
}
