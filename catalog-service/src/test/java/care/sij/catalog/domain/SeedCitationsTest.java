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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every statement the seeds rest on a source can be found there: each locator is a heading of the article it
 * cites, or names neighbouring headings in quotes (the articles sit in ../shared/seeds beside the repository);
 * every contraindication and caution says what it rests on; every topic that plans and exercises link exists.
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
      String text = articles.get(cited.ref().id());
      checked++;
      if (text == null || !findable(normal(text), cited.ref().locator())) {
        missing.add(cited.where() + ": '" + cited.ref().locator() + "' is not in " + cited.ref().id());
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

  @Test
  void everyTopicThatPlansAndExercisesLinkIsSeeded() {
    Set<String> topics = SEEDS.topics().stream().map(Topic::id).collect(Collectors.toSet());
    Set<String> linked = new TreeSet<>();
    SEEDS.routines().forEach(r -> linked.addAll(Education.topicsForPlan(r)));
    SEEDS.exercises().forEach(e -> linked.addAll(Education.topicsForExercise(e)));
    linked.removeAll(topics);
    assertEquals(Set.of(), linked);
  }

  /** The locator as a whole is in the article, or it describes a passage by headings quoted in it, all of which are. */
  static boolean findable(String article, String locator) {
    if (article.contains(normal(locator))) {
      return true;
    }
    Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(locator);
    boolean any = false;
    while (quoted.find()) {
      any = true;
      if (!article.contains(normal(quoted.group(1)))) {
        return false;
      }
    }
    return any;
  }

  private record Cited(String where, SourceRef ref) {}

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
    for (Topic t : SEEDS.topics()) {
      t.sources().forEach(s -> all.add(new Cited("topic " + t.id(), s)));
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
