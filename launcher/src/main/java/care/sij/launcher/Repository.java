package care.sij.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout is: the services' builds, the seeds and the committed contracts are found from it. */
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
