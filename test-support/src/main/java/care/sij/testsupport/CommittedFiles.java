package care.sij.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.launcher.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the build publishes in contracts/ (OpenAPI documents, pacts) is what the code produces: a test
 * compares the two, and with -Dcontracts.update=true writes the produced one instead, for review.
 */
public final class CommittedFiles {
  private CommittedFiles() {}

  /** Fails, saying what changed, when the committed file is missing or differs from what was produced. */
  public static void matches(Path committed, String produced, String whatChanged) throws IOException {
    if (Boolean.getBoolean("contracts.update")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, produced);
      return;
    }
    assertTrue(Files.exists(committed), committed + " is missing: run ./mvnw verify -Dcontracts.update=true and commit it");
    assertEquals(Files.readString(committed), produced, whatChanged + ": review the difference, then run "
        + "./mvnw verify -Dcontracts.update=true and commit " + Repository.root().relativize(committed.getParent()) + "/");
  }
}
