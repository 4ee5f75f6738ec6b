package care.sij.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every statement the seeds rest on a source can be found there: each locator occurs in the article it
 * cites (the articles sit in ../shared/seeds beside the repository), and every contraindication and caution
 * says what it rests on.
 */
class SeedCitationsTest {
  private static final Path ARTICLES = Path.of("..", "..", "shared", "seeds");
  private static final SeedFiles.Seeds SEEDS = SeedFiles.fromClassPath();

  @Test
  void everyLocatorOccursInTheArticleItCites() throws IOException {
    assertTrue(Files.isDirectory(ARTICLES), ARTICLES.toAbsolutePath() + " must hold the seed articles");
    Map<String, String> articles = SEEDS.sources().stream().collect(Collectors.toMap(Source::id, s -> article(s.article())));
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Cited cited : citations()) {
      String text = articles.get(cited.citation().source());
      checked++;
      if (text == null || !normal(text).contains(normal(cited.citation().locator()))) {
        missing.add(cited.where() + ": '" + cited.citation().locator() + "' is not in " + cited.citation().source());
      }
    }
    assertEquals(List.of(), missing);
    assertTrue(checked > 20, "the seeds cite sources with locators");
  }

  @Test
  void everyContraindicationAndCautionSaysWhatItRestsOn() {
    List<String> unfounded = new ArrayList<>();
    for (Exercise e : SEEDS.exercises()) {
      e.contraindications().stream().filter(c -> (c.sources() == null) == (c.ownReason() == null))
          .forEach(c -> unfounded.add(e.id() + " contraindication " + c.condition()));
    }
    assertEquals(List.of(), unfounded);
  }

  private record Cited(String where, Caution.Citation citation) {}

  private static List<Cited> citations() {
    List<Cited> all = new ArrayList<>();
    for (Exercise e : SEEDS.exercises()) {
      e.contraindications().stream().filter(c -> c.sources() != null)
          .forEach(c -> c.sources().forEach(s -> all.add(new Cited(e.id() + " " + c.condition(), s))));
      e.cautions().stream().filter(c -> c.sources() != null).forEach(c -> c.sources().forEach(s -> all.add(new Cited(e.id() + " " + c.id(), s))));
    }
    for (Routine r : SEEDS.routines()) {
      r.cautions().stream().filter(c -> c.sources() != null).forEach(c -> c.sources().forEach(s -> all.add(new Cited(r.id() + " " + c.id(), s))));
    }
    return all;
  }

  private static String article(String number) {
    try (Stream<Path> files = Files.list(ARTICLES)) {
      Path file = files.filter(f -> f.getFileName().toString().startsWith(number + "_")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no article " + number + " in " + ARTICLES));
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String normal(String text) {
    return text.replace('\u2019', '\'').replace('\u201c', '"').replace('\u201d', '"').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
