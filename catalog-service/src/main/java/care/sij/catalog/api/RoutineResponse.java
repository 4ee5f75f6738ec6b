package care.sij.catalog.api;

import care.sij.catalog.domain.Caution;
import care.sij.catalog.domain.Routine;
import care.sij.catalog.domain.Entry;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An ordered sequence of exercises with conditions. POST .../plan turns it into a plan for one person.",
    requiredProperties = {"id", "name", "summary", "pathway", "sources", "cautions", "steps", "retired"})
public record RoutineResponse(
    @Schema(description = "Stable slug.", example = "si-mobilization-sequence") String id,
    @Schema(description = "Name.", example = "SI mobilization sequence") String name,
    @Schema(description = "What it is for, in plain words.") String summary,
    @Schema(description = "The problem it serves.", example = "mobility") Routine.Pathway pathway,
    @Schema(description = "Ids of the sources it comes from.") List<String> sources,
    @Schema(description = "What to mind before and while doing it, each with its sources or the product's own reason.") List<Caution> cautions,
    @Schema(description = "The steps, in order.") List<Routine.Step> steps,
    @Schema(description = "True once retired: no longer listed, still readable and plannable.", example = "false") boolean retired) {

  static RoutineResponse of(Entry<Routine> entry) {
    Routine r = entry.definition();
    return new RoutineResponse(r.id(), r.name(), r.summary(), r.pathway(), r.sources(), r.cautions(), r.steps(),
        entry.retired());
  }
}
