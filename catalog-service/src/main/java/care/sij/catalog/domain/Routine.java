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
    List<Caution> cautions,
    List<Step> steps) {

  /** Which kind of problem the routine serves: a stiff joint, a loose one, or both. */
  public enum Pathway { mobility, stability, general }

  /**
   * One step: an exercise with an optional note, a condition on relief, and overrides of the
   * exercise's laterality and dosage (a dosage override replaces only the fields it gives). The
   * laterality override is the routine's side rule: an easier variant done instead keeps it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(String exercise, String note, OnRelief onRelief, Exercise.Laterality laterality, Exercise.Dosage dosage,
      List<VariantNote> variantNotes) {

    /** The note for a plan that does this step with an easier variant instead of the step's exercise. */
    public String noteFor(String variant) {
      return variantNotes == null ? null
          : variantNotes.stream().filter(v -> variant.equals(v.exercise())).map(VariantNote::note).findFirst().orElse(null);
    }
  }

  /** What to mind in a step when an easier variant stands in for its exercise: the step's own note was written for the exercise. */
  public record VariantNote(String exercise, String note) {}

  /** Optional lists read from older stored documents or left out of a seed entry are empty. */
  public Routine {
    cautions = cautions == null ? List.of() : cautions;
  }

  /** If this step alone relieves the pain, skip the next {@code skipNext} steps of the routine. */
  public record OnRelief(Integer skipNext) {}
}
