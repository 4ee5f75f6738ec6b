package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogSnapshot;
import care.sij.catalog.domain.Entry;
import care.sij.catalog.domain.Routine;
import care.sij.catalog.domain.Exercise;
import care.sij.catalog.domain.ExerciseQuery;
import care.sij.catalog.domain.Planner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The JSON of single exercises and routines, of search pages and of plans, serialized once per
 * snapshot rather than once per request: reads are the hot path, and their bytes only change with
 * the snapshot. Each kind has its named cache (sizes in application.properties: free text makes
 * searches unbounded, so only the most used are kept); keys carry the snapshot's revision, so a
 * request still on an older snapshot never serves its bytes for a newer one, and a new snapshot
 * empties the caches.
 */
@Singleton
class Rendered {
  private record Key(long revision, Object what) {}

  private record PageKey(ExerciseQuery query, int page, int size) {}

  private record PlanKey(String routineId, Planner.Input input) {}

  /** One page of a search: its JSON (an {@link ExercisePage}) and how many exercises match in all. */
  record Page(byte[] json, int total) {}

  private final ObjectMapper mapper;
  private final CaffeineCache exercises;
  private final CaffeineCache routines;
  private final CaffeineCache pages;
  private final CaffeineCache plans;

  Rendered(ObjectMapper mapper, @CacheName("rendered-exercises") Cache exercises, @CacheName("rendered-routines") Cache routines,
      @CacheName("rendered-pages") Cache pages, @CacheName("rendered-plans") Cache plans) {
    this.mapper = mapper;
    this.exercises = exercises.as(CaffeineCache.class);
    this.routines = routines.as(CaffeineCache.class);
    this.pages = pages.as(CaffeineCache.class);
    this.plans = plans.as(CaffeineCache.class);
  }

  /** The entry must come from {@code snapshot}: bytes are kept for that snapshot only. */
  byte[] exercise(CatalogSnapshot snapshot, Entry<Exercise> entry) {
    return kept(exercises, new Key(snapshot.revision(), entry.id()), () -> json(ExerciseResponse.of(entry)));
  }

  byte[] routine(CatalogSnapshot snapshot, Entry<Routine> entry) {
    return kept(routines, new Key(snapshot.revision(), entry.id()), () -> json(RoutineResponse.of(entry)));
  }

  Page searchPage(CatalogSnapshot snapshot, ExerciseQuery query, int page, int size) {
    return kept(pages, new Key(snapshot.revision(), new PageKey(query, page, size)), () -> {
      CatalogSnapshot.SearchPage found = snapshot.search(query, page, size);
      return new Page(json(new ExercisePage(found.items().stream().map(ExerciseSummary::of).toList(), page, size, found.total())),
          found.total());
    });
  }

  /** {@code plan} must plan from {@code snapshot}. */
  byte[] plan(CatalogSnapshot snapshot, String routineId, Planner.Input input, Supplier<PlanResponse> plan) {
    return kept(plans, new Key(snapshot.revision(), new PlanKey(routineId, input)), () -> json(plan.get()));
  }

  /** A new snapshot: what was rendered from older ones is never asked for again. */
  void snapshotChanged(@Observes CatalogSnapshot changed) {
    List.of(exercises, routines, pages, plans).forEach(cache -> cache.invalidateAll().await().indefinitely());
  }

  // Reads run on the event loop, which must not wait: only completed values are put, so a kept one is ready at once.
  private static <V> V kept(CaffeineCache cache, Key key, Supplier<V> render) {
    CompletableFuture<V> kept = cache.getIfPresent(key);
    if (kept != null) {
      return kept.join();
    }
    V value = render.get();
    cache.put(key, CompletableFuture.completedFuture(value));
    return value;
  }

  private byte[] json(Object response) {
    try {
      return mapper.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + response.getClass().getSimpleName(), e);
    }
  }
}
