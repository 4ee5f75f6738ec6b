package care.sij.catalog.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Something to mind before or while doing a routine or an exercise. It rests either on sources, or,
 * where no source says it, on the product's own reason, so that a reader always knows which of the two it is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Caution(String id, String text, List<SourceRef> sources, String ownReason) {}
