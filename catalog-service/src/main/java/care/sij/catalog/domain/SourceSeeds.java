package care.sij.catalog.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads seeds/sources.yaml at start-up; loading twice changes nothing. */
@Singleton
class SourceSeeds {
  static final String FILE = "seeds/sources.yaml";

  record Entry(String id, String title, String author, String publisher, String article, String summary, List<Source.Study> studies) {}

  @Transactional
  void load(@Observes StartupEvent start) {
    for (Entry entry : read()) {
      Source source = Source.findById(entry.id());
      if (source == null) {
        source = new Source();
        source.id = entry.id();
      }
      source.title = entry.title();
      source.author = entry.author();
      source.publisher = entry.publisher();
      source.summary = entry.summary();
      source.studies = entry.studies() == null ? List.of() : entry.studies();
      source.persist();
    }
  }

  private static List<Entry> read() {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException(FILE + " is missing from the build");
      }
      return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<List<Entry>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(FILE + ": " + e.getMessage(), e);
    }
  }
}
