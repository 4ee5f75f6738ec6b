package care.sij.catalog.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An ordered sequence of exercises with conditions, as the catalog defines it. Immutable; stored as jsonb. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Routine(
    String id,
    String name,
    String summary,
    Pathway pathway,
    List<String> sources,
    List<Step> steps) {

  /** Which kind of problem the routine serves: a stiff joint, a loose one, or both. */
  public enum Pathway { mobility, stability, general }

  /**
   * One step: an exercise with an optional note, a condition on relief, and overrides of the
   * exercise's laterality and dosage (a dosage override replaces only the fields it gives).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(String exercise, String note, OnRelief onRelief, Exercise.Laterality laterality, Exercise.Dosage dosage) {}

  /** If this step alone relieves the pain, skip the next {@code skipNext} steps of the routine. */
  public record OnRelief(Integer skipNext) {}
}
