package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.Exercise;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A condition under which the exercise should not be done, why, and what that rests on: sources, or the "
    + "product's own reason (at most one of the two).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contraindication(
    @NotNull @Schema(description = "The condition.", example = "pregnancy", required = true) Exercise.Condition condition,
    @NotBlank @Size(max = CatalogRules.TEXT_MAX)
    @Schema(description = "Why, in plain words.", example = "Do not rest the belly on a ball while pregnant.", required = true) String note,
    @Size(min = 1, max = CatalogRules.LIST_MAX) @Schema(description = "The sources that say it; absent when ownReason is given or nothing is said.")
    List<@NotNull @Valid SourceReference> sources,
    @Size(max = CatalogRules.TEXT_MAX) @Schema(description = "Why the product adds this although no source says it.",
        example = "A product caution: the articles do not discuss exercising on a ball during pregnancy.") String ownReason) {

  static Contraindication of(Exercise.Contraindication c) {
    return new Contraindication(c.condition(), c.note(), SourceReference.of(c.sources()), c.ownReason());
  }

  Exercise.Contraindication toDomain() {
    return new Exercise.Contraindication(condition, note, SourceReference.toDomain(sources), ownReason);
  }
}
