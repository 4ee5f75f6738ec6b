package care.sij.catalog.api;

import care.sij.catalog.domain.Exercise;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How the sides are worked, and what to do when both sides are sore.")
public record Laterality(
    @NotNull @Schema(description = "bilateral: both sides at once; each_side: one side, then the other; sore_side_only: "
        + "only the sore side; non_sore_side: the side that is not sore (for example the leg that lifts).",
        example = "each_side", required = true)
    Exercise.LateralityMode mode,
    @NotNull @Schema(description = "When both sides are sore: as_usual (bilateral and each-side work only), skip the exercise, "
        + "do it working no_side (a plank without a leg lift), or work both_sides in turn.", example = "as_usual", required = true)
    Exercise.BothSore bothSore) {

  static Laterality of(Exercise.Laterality l) {
    return l == null ? null : new Laterality(l.mode(), l.bothSore());
  }

  Exercise.Laterality toDomain() {
    return new Exercise.Laterality(mode, bothSore);
  }
}
