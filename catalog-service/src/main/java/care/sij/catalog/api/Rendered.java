package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogSnapshot;
import care.sij.catalog.domain.ExerciseEntry;
import care.sij.catalog.domain.RoutineEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of single exercises and routines, serialized once per snapshot rather than once per
 * request: reading one entry is the hottest path, and its bytes only change with the snapshot.
 */
@Singleton
class Rendered {
  private record Cache(CatalogSnapshot snapshot, Map<String, byte[]> exercises, Map<String, byte[]> routines) {
    Cache(CatalogSnapshot snapshot) {
      this(snapshot, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }
  }

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
