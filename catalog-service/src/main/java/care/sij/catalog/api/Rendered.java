package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogSnapshot;
import care.sij.catalog.domain.ExerciseEntry;
import care.sij.catalog.domain.ExerciseQuery;
import care.sij.catalog.domain.Planner;
import care.sij.catalog.domain.RoutineEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The JSON of single exercises and routines, of search pages and of plans, serialized once per
 * snapshot rather than once per request: reads are the hot path, and their bytes only change with
 * the snapshot. Searches and plans repeat (the same filters, the same few words, the same sides and
 * equipment) but free text is unbounded, so only the most used ones are kept.
 */
@Singleton
class Rendered {
  private static final int KEPT = 1_000;

  private record Cache(CatalogSnapshot snapshot, Map<String, byte[]> exercises, Map<String, byte[]> routines,
      com.github.benmanes.caffeine.cache.Cache<PageKey, Page> pages, com.github.benmanes.caffeine.cache.Cache<PlanKey, byte[]> plans) {
    Cache(CatalogSnapshot snapshot) {
      this(snapshot, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), Caffeine.newBuilder().maximumSize(KEPT).build(),
          Caffeine.newBuilder().maximumSize(KEPT).build());
    }
  }

  private record PlanKey(String routineId, Planner.Input input) {}

  private record PageKey(ExerciseQuery query, int page, int size) {}

  /** One page of a search: its JSON (an {@link ExercisePage}) and how many exercises match in all. */
  record Page(byte[] json, int total) {}

  private final ObjectMapper mapper;
  private volatile Cache cache = new Cache(null);

  Rendered(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The entry must come from {@code snapshot}: bytes are kept for that snapshot only. */
  byte[] exercise(CatalogSnapshot snapshot, ExerciseEntry entry) {
    return cacheFor(snapshot).exercises().computeIfAbsent(entry.id(), id -> json(ExerciseResponse.of(entry)));
  }

  byte[] routine(CatalogSnapshot snapshot, RoutineEntry entry) {
    return cacheFor(snapshot).routines().computeIfAbsent(entry.id(), id -> json(RoutineResponse.of(entry)));
  }

  Page searchPage(CatalogSnapshot snapshot, ExerciseQuery query, int page, int size) {
    return cacheFor(snapshot).pages().get(new PageKey(query, page, size), key -> {
      CatalogSnapshot.SearchPage found = snapshot.search(query, page, size);
      return new Page(json(new ExercisePage(found.items().stream().map(ExerciseSummary::of).toList(), page, size, found.total())),
          found.total());
    });
  }

  /** {@code plan} must plan from {@code snapshot}. */
  byte[] plan(CatalogSnapshot snapshot, String routineId, Planner.Input input, Supplier<PlanResponse> plan) {
    return cacheFor(snapshot).plans().get(new PlanKey(routineId, input), key -> json(plan.get()));
  }

  private Cache cacheFor(CatalogSnapshot snapshot) {
    Cache current = cache;
    if (current.snapshot() != snapshot) {
      current = new Cache(snapshot);
      cache = current; // a request still on an older snapshot may briefly swap it back; it only costs a re-render
    }
    return current;
  }

  private byte[] json(Object response) {
    try {
      return mapper.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + response.getClass().getSimpleName(), e);
    }
  }
}
