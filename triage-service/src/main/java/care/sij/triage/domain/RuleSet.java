package care.sij.triage.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A versioned rule set: questionnaire, dispositions, rules, pathways, safety-net advice and education links. */
public record RuleSet(
    String version,
    LocalDate published,
    Disposition incompleteFloor,
    List<DispositionInfo> dispositions,
    List<Question> questions,
    List<Rule> rules,
    List<Pathway> pathways,
    List<String> safetyNet,
    Education education,
    Map<String, String> sourceTitles,
    JsonNode document,
    String digest) {

  /** Who to see and how soon, for a disposition, and the education topics that go with it. */
  public record DispositionInfo(Disposition id, String label, String who, String when, List<String> topics) {}

  /** A rule; cautiousReading says how it reads sources that disagree, when they do. */
  public record Rule(String id, Disposition disposition, Condition when, String reason, String action, String cautiousReading,
      List<Citation> sources, List<String> topics) {}

  public record Pathway(String id, Condition when, String routine, String reason, List<String> topics) {}

  /** An article or guideline a rule cites, and where in it the statement is (absent in rule sets before locators). */
  public record Citation(String id, String locator) {}

  /** The disclaimer every answer carries and the topics every answer links; absent in rule sets before education. */
  public record Education(String disclaimer, List<String> topics) {}

  public DispositionInfo info(Disposition disposition) {
    return dispositions.stream().filter(d -> d.id() == disposition).findFirst().orElseThrow();
  }
}
