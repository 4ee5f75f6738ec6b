package care.sij.progress.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What progress needs of a catalog exercise; the catalog may send more, which is ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogExercise(String id, String name, boolean retired) {}
