package care.sij.catalog.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the read path serves, immutable, built once per change: readers never touch the
 * database and never wait for a writer.
 */
public final class CatalogSnapshot {
  private static final Comparator<Entry<Exercise>> BY_NAME =
      Comparator.comparing((Entry<Exercise> e) -> e.definition().name().toLowerCase(Locale.ROOT)).thenComparing(Entry::id);

  // after BY_NAME, which the constructor uses
  static final CatalogSnapshot EMPTY = new CatalogSnapshot(0, List.of(), List.of(), List.of(), List.of());

  private final long revision;
  private final Map<String, Entry<Exercise>> exercises;
  private final List<ExerciseQuery.Indexed> listedExercises;
  private final Map<String, Entry<Routine>> routines;
  private final List<Entry<Routine>> listedRoutines;
  private final Map<String, Source> sources;
  private final Map<String, Entry<Topic>> topics;
  private final List<Entry<Topic>> listedTopics;

  CatalogSnapshot(long revision, Collection<Entry<Exercise>> exercises, Collection<Entry<Routine>> routines, Collection<Source> sources,
      Collection<Entry<Topic>> topics) {
    this.revision = revision;
    List<Entry<Exercise>> sortedExercises = exercises.stream().sorted(BY_NAME).toList();
    this.exercises = index(sortedExercises, Entry::id);
    this.listedExercises = sortedExercises.stream().filter(e -> !e.retired()).map(ExerciseQuery.Indexed::of).toList();
    List<Entry<Routine>> sortedRoutines = routines.stream()
        .sorted(Comparator.comparing((Entry<Routine> r) -> r.definition().name().toLowerCase(Locale.ROOT)).thenComparing(Entry::id)).toList();
    this.routines = index(sortedRoutines, Entry::id);
    this.listedRoutines = sortedRoutines.stream().filter(r -> !r.retired()).toList();
    this.sources = index(sources.stream().sorted(Comparator.comparing(Source::id)).toList(), Source::id);
    List<Entry<Topic>> sortedTopics = topics.stream()
        .sorted(Comparator.comparing((Entry<Topic> t) -> t.definition().title().toLowerCase(Locale.ROOT)).thenComparing(Entry::id)).toList();
    this.topics = index(sortedTopics, Entry::id);
    this.listedTopics = sortedTopics.stream().filter(t -> !t.retired()).toList();
  }

  private static <T> Map<String, T> index(List<T> values, java.util.function.Function<T, String> id) {
    Map<String, T> map = new LinkedHashMap<>();
    values.forEach(v -> map.put(id.apply(v), v));
    return java.util.Collections.unmodifiableMap(map);
  }

  /** The highest revision among the stored rows this snapshot was built from. */
  public long revision() {
    return revision;
  }

  /** Any exercise, retired ones included, so that old references keep resolving. */
  public Optional<Entry<Exercise>> exercise(String id) {
    return Optional.ofNullable(exercises.get(id));
  }

  public Optional<Entry<Routine>> routine(String id) {
    return Optional.ofNullable(routines.get(id));
  }

  /** Routines that are not retired, by name. */
  public List<Entry<Routine>> routines() {
    return listedRoutines;
  }

  public Optional<Source> source(String id) {
    return Optional.ofNullable(sources.get(id));
  }

  /** Every source, by id. */
  public Collection<Source> sources() {
    return sources.values();
  }

  /** Any topic, retired ones included, so that links to it keep resolving. */
  public Optional<Entry<Topic>> topic(String id) {
    return Optional.ofNullable(topics.get(id));
  }

  /** Topics that are not retired, by title. */
  public List<Entry<Topic>> topics() {
    return listedTopics;
  }

  /** One page of a search. */
  public record SearchPage(List<Entry<Exercise>> items, int total) {}

  /**
   * Exercises that are not retired and match the query: by relevance when there is search text,
   * then by name. {@code page} counts from 1.
   */
  public SearchPage search(ExerciseQuery query, int page, int size) {
    ExerciseQuery.Text text = ExerciseQuery.Text.of(query.text());
    List<Entry<Exercise>> matches;
    if (text == null) {
      matches = listedExercises.stream().filter(query::matchesFilters).map(ExerciseQuery.Indexed::entry).toList();
    } else {
      record Scored(Entry<Exercise> entry, int score, int order) {}
      List<Scored> scored = new ArrayList<>();
      for (int i = 0; i < listedExercises.size(); i++) {
        ExerciseQuery.Indexed exercise = listedExercises.get(i);
        int score = query.matchesFilters(exercise) ? text.score(exercise) : 0;
        if (score > 0) {
          scored.add(new Scored(exercise.entry(), score, i));
        }
      }
      scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order));
      matches = scored.stream().map(Scored::entry).toList();
    }
    long from = (long) (page - 1) * size;
    if (from >= matches.size()) {
      return new SearchPage(List.of(), matches.size());
    }
    return new SearchPage(matches.subList((int) from, (int) Math.min(from + size, matches.size())), matches.size());
  }
}
