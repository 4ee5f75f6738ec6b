package care.sij.adversarial.faults;

import care.sij.adversarial.RunningSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A point in a service's log, so that a test reads only what the service logged while it ran. */
record LogMark(Path log, long offset) {
  static LogMark now(String service) throws IOException {
    Path log = RunningSuite.get().service(service).log();
    return new LogMark(log, Files.size(log));
  }

  String since() throws IOException {
    byte[] all = Files.readAllBytes(log);
    int from = (int) Math.min(offset, all.length);
    return new String(all, from, all.length - from, StandardCharsets.ISO_8859_1);
  }

  /** The first line logged since the mark that contains the text, shortened. */
  Optional<String> firstLineWith(String text) throws IOException {
    return since().lines().filter(line -> line.contains(text)).findFirst()
        .map(line -> line.length() > 400 ? line.substring(0, 400) + "..." : line);
  }
}
