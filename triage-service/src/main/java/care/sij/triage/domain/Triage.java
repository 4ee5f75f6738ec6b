package care.sij.triage.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a report against a rule set. Pure: the same report and rule set always give the same
 * evaluation. The most urgent rule that fires wins; an unanswered question that could raise the
 * disposition, or any unanswered red-flag question, makes the evaluation incomplete and rules out
 * self-care.
 */
public final class Triage {
  private Triage() {}

  public record Evaluation(Disposition disposition, boolean complete, List<String> missingQuestions,
      List<RuleSet.Rule> firedRules, RuleSet.Pathway pathway) {}

  public static Evaluation evaluate(RuleSet ruleSet, Map<String, Object> answers) {
    Disposition result = Disposition.self_care;
    List<RuleSet.Rule> fired = new ArrayList<>();
    List<RuleSet.Rule> undecided = new ArrayList<>();
    for (RuleSet.Rule rule : ruleSet.rules()) {
      switch (rule.when().test(answers)) {
        case TRUE -> {
          fired.add(rule);
          result = Disposition.mostUrgent(result, rule.disposition());
        }
        case UNKNOWN -> undecided.add(rule);
        case FALSE -> { }
      }
    }

    Set<String> missing = new LinkedHashSet<>();
    for (RuleSet.Rule rule : undecided) {
      if (rule.disposition().moreUrgentThan(result)) {
        rule.when().fields(missing);
      }
    }
    for (Question q : ruleSet.questions()) {
      if (q.redFlag()) {
        missing.add(q.id());
      }
    }
    List<String> missingQuestions = ruleSet.questions().stream()
        .filter(q -> missing.contains(q.id()) && answers.get(q.id()) == null && asked(q, answers))
        .map(Question::id)
        .toList();

    boolean complete = missingQuestions.isEmpty();
    if (!complete && result == Disposition.self_care) {
      result = ruleSet.incompleteFloor();
    }
    fired.sort(Comparator.comparing(RuleSet.Rule::disposition)); // stable: rule-set order within a disposition
    RuleSet.Pathway pathway = result == Disposition.self_care ? pathway(ruleSet, answers) : null;
    return new Evaluation(result, complete, missingQuestions, List.copyOf(fired), pathway);
  }

  /** A follow-up question is asked unless the answers so far rule it out. */
  private static boolean asked(Question q, Map<String, Object> answers) {
    return q.askIf() == null || q.askIf().test(answers) != Truth.FALSE;
  }

  private static RuleSet.Pathway pathway(RuleSet ruleSet, Map<String, Object> answers) {
    for (RuleSet.Pathway p : ruleSet.pathways()) {
      if (p.when() == null || p.when().test(answers) == Truth.TRUE) {
        return p;
      }
    }
    throw new IllegalStateException("rule set " + ruleSet.version() + " has no default pathway");
  }
}
