package care.sij.triage.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What triage needs of a catalog routine; the catalog may send more, which is ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogRoutine(String id, String name, String summary) {}
