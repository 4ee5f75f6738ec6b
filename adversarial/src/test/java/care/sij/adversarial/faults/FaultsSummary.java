package care.sij.adversarial.faults;

import care.sij.launcher.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of each fault test, one section per test in target/faults-summary.md, started afresh by each run. */
final class FaultsSummary {
  static final Path FILE = Repository.root().resolve("adversarial/target/faults-summary.md");
  private static boolean begun;

  private FaultsSummary() {}

  /** Figures in the order they were put. */
  static Map<String, Object> figures() {
    return new LinkedHashMap<>();
  }

  static synchronized void section(String test, Map<String, Object> figures) {
    StringBuilder text = new StringBuilder();
    if (!begun) {
      text.append("# Fault suite, run of ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n");
    }
    text.append("\n## ").append(test).append("\n\n");
    figures.forEach((name, value) -> text.append("- ").append(name).append(": ").append(value).append('\n'));
    System.out.print(text);
    try {
      Files.createDirectories(FILE.getParent());
      if (begun) {
        Files.writeString(FILE, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } else {
        Files.writeString(FILE, text);
        begun = true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
