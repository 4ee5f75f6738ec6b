package care.sij.catalog.api;

import care.sij.catalog.domain.CatalogRules;
import care.sij.catalog.domain.Exercise;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A whole-number range as the sources give it: min alone (max absent) means \"min or more\"; "
    + "min equal to max is a single value. max must not be below min.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Range(
    @NotNull @Min(CatalogRules.RANGE_MIN) @Max(CatalogRules.RANGE_MAX)
    @Schema(description = "Lower bound.", example = "10") Integer min,
    @Min(CatalogRules.RANGE_MIN) @Max(CatalogRules.RANGE_MAX)
    @Schema(description = "Upper bound; absent for no upper limit.", example = "15") Integer max) {

  static Range of(Exercise.Range range) {
    return range == null ? null : new Range(range.min(), range.max());
  }

  Exercise.Range toDomain() {
    return new Exercise.Range(min, max);
  }
}
