package care.sij.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.launcher.Repository;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A Pact consumer test class whose pact is committed as contracts/pacts/CONSUMER-PROVIDER.json. The
 * providers build before their consumers and verify the committed file, so once the class has run,
 * the pact it wrote to {@value #WRITTEN} must equal the committed one; with -Dcontracts.update=true
 * it replaces it instead. Declare it before {@code @ExtendWith(PactConsumerTestExt.class)}: extensions
 * finish in reverse order, so its check runs after Pact has written the file.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(CommittedPact.Check.class)
public @interface CommittedPact {
  /** Where the consumer tests write their pacts: {@code @PactDirectory(CommittedPact.WRITTEN)}. */
  String WRITTEN = "target/pacts";

  String consumer();

  String provider();

  final class Check implements BeforeAllCallback, TestWatcher, AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** As Pact writes it: two spaces, one array element a line, no space before a colon, whatever the platform. */
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Check.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      Files.deleteIfExists(written(context)); // Pact merges into an existing file: what a former run wrote must not stay
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      context.getParent().orElseThrow().getStore(NAMESPACE).put("failed", true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      if (context.getStore(NAMESPACE).get("failed") != null || context.getExecutionException().isPresent()) {
        return; // Pact leaves out the interactions of failed tests: the failure says more than a difference would
      }
      Path written = written(context);
      Path committed = Repository.root().resolve("contracts").resolve("pacts").resolve(written.getFileName());
      assertTrue(Files.exists(written), written.toAbsolutePath() + " was not written: is the class extended with PactConsumerTestExt "
          + "after @CommittedPact, with @PactDirectory(CommittedPact.WRITTEN)?");
      CommittedFiles.matches(committed, normalised(written), "the consumer's expectations of " + annotation(context).provider()
          + " changed (the provider's build verifies the committed pact)");
    }

    private static Path written(ExtensionContext context) {
      CommittedPact pact = annotation(context);
      return Path.of(WRITTEN, pact.consumer() + "-" + pact.provider() + ".json");
    }

    private static CommittedPact annotation(ExtensionContext context) {
      return Optional.ofNullable(context.getRequiredTestClass().getAnnotation(CommittedPact.class))
          .orElseThrow(() -> new IllegalStateException(context.getRequiredTestClass() + " is not annotated with @CommittedPact"));
    }

    /** The pact without what changes with the Pact library but not with the expectations: its version each interaction's hash, and the order the tests ran in. */
    static String normalised(Path pact) throws IOException {
      JsonNode root = JSON.readTree(pact.toFile());
      if (root.get("metadata") instanceof ObjectNode metadata) {
        metadata.remove("pact-jvm");
      }
      if (root.get("interactions") instanceof com.fasterxml.jackson.databind.node.ArrayNode interactions) {
        List<JsonNode> sorted = new ArrayList<>();
        interactions.forEach(sorted::add);
        sorted.forEach(i -> ((ObjectNode) i).remove("key"));
        sorted.sort(Comparator.comparing(i -> i.path("description").asText() + i.path("providerStates")));
        interactions.removeAll().addAll(sorted); // in the order of their descriptions, not of the tests that ran them
      }
      return JSON.writer(PRINTER).writeValueAsString(root) + "\n";
    }
  }
}
