package care.sij.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout is, for tests that compare the running services with committed files. */
public final class Repository {
  private Repository() {}

  public static Path root() {
    String configured = System.getProperty("sij.repository.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("seeds"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
  }
}
