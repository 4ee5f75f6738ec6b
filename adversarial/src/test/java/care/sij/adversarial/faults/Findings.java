package care.sij.adversarial.faults;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a fault test found wrong, gathered rather than thrown at the first one, so that the summary
 * gets written and the failure tells everything; each kind keeps its count and first examples.
 */
final class Findings {
  private static final int EXAMPLES = 3;

  private record Kind(List<String> examples, int[] count) {}

  private final Map<String, Kind> kinds = new LinkedHashMap<>();

  /** Notes a finding of this kind unless ok. */
  synchronized void check(boolean ok, String kind, Supplier<String> example) {
    if (ok) {
      return;
    }
    Kind found = kinds.computeIfAbsent(kind, k -> new Kind(new ArrayList<>(), new int[1]));
    found.count()[0]++;
    if (found.examples().size() < EXAMPLES) {
      found.examples().add(example.get());
    }
  }

  synchronized void check(boolean ok, String kind) {
    check(ok, kind, () -> "");
  }

  synchronized int count() {
    return kinds.values().stream().mapToInt(k -> k.count()[0]).sum();
  }

  /** One line per kind: the figure for the summary. */
  synchronized String summary() {
    if (kinds.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    kinds.forEach((kind, found) -> text.append("\n  - ").append(kind).append(" (").append(found.count()[0]).append(")"));
    return text.toString();
  }

  synchronized void assertNone() {
    if (kinds.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder(count() + " finding(s):");
    kinds.forEach((kind, found) -> {
      text.append("\n- ").append(kind).append(" (").append(found.count()[0]).append(")");
      found.examples().stream().filter(e -> !e.isEmpty()).forEach(e -> text.append("\n    e.g. ").append(e));
    });
    fail(text.toString());
  }
}
