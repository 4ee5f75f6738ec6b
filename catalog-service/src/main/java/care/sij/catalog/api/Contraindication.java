package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.Exercise;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A condition under which the exercise should not be done, and why.")
public record Contraindication(
    @NotNull @Schema(description = "The condition.", example = "pregnancy", required = true) Exercise.Condition condition,
    @NotBlank @Size(max = CatalogRules.TEXT_MAX)
    @Schema(description = "Why, in plain words.", example = "Do not rest the belly on a ball while pregnant.", required = true) String note) {

  static Contraindication of(Exercise.Contraindication c) {
    return new Contraindication(c.condition(), c.note());
  }

  Exercise.Contraindication toDomain() {
    return new Exercise.Contraindication(condition, note);
  }
}
