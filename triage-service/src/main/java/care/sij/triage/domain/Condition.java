package care.sij.triage.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A rule's condition over the report's answers: comparisons combined with all, any and not. */
public sealed interface Condition {

  Truth test(Map<String, Object> answers);

  /** The conditions this one combines (none for a comparison). */
  default List<Condition> parts() {
    return List.of();
  }

  /** The fields this condition reads. */
  default void fields(Set<String> into) {
    parts().forEach(c -> c.fields(into));
  }

  /** Whether some comparison inside a "not" reads a symptom (a symptom must only be tested upwards). */
  default boolean negatesSymptom(boolean negated) {
    return parts().stream().anyMatch(c -> c.negatesSymptom(negated));
  }

  enum Operator { is, atLeast, below, contains }

  record Compare(Question question, Operator operator, Object value) implements Condition {
    @Override
    public Truth test(Map<String, Object> answers) {
      Object answer = answers.get(question.id());
      if (answer == null) {
        return Truth.UNKNOWN;
      }
      return Truth.of(switch (operator) {
        case is -> answer.equals(value);
        case atLeast -> question.type() == Question.Type.INTEGER
            ? ((Number) answer).intValue() >= (Integer) value
            : question.rank((String) answer) >= question.rank((String) value);
        case below -> ((Number) answer).intValue() < (Integer) value;
        case contains -> ((Collection<?>) answer).contains(value);
      });
    }

    @Override
    public void fields(Set<String> into) {
      into.add(question.id());
    }

    @Override
    public boolean negatesSymptom(boolean negated) {
      return negated && question.kind() == Question.Kind.SYMPTOM;
    }
  }

  record All(List<Condition> parts) implements Condition {
    @Override
    public Truth test(Map<String, Object> answers) {
      return parts.stream().map(c -> c.test(answers)).reduce(Truth.TRUE, Truth::and);
    }
  }

  record Any(List<Condition> parts) implements Condition {
    @Override
    public Truth test(Map<String, Object> answers) {
      return parts.stream().map(c -> c.test(answers)).reduce(Truth.FALSE, Truth::or);
    }
  }

  record Not(Condition condition) implements Condition {
    @Override
    public Truth test(Map<String, Object> answers) {
      return condition.test(answers).not();
    }

    @Override
    public List<Condition> parts() {
      return List.of(condition);
    }

    @Override
    public boolean negatesSymptom(boolean negated) {
      return condition.negatesSymptom(!negated);
    }
  }
}
