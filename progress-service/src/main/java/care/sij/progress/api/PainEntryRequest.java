package care.sij.progress.api;

import care.sij.progress.domain.PainEntries;
import care.sij.progress.domain.RedFlags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.UniqueElements;

@Schema(description = "A pain score at a moment, with optional red-flag answers.")
public record PainEntryRequest(
    @NotNull @Schema(description = "When the pain was felt. From 2000-01-01T00:00:00Z up to now; a clock up to 5 minutes ahead is allowed.", example = "2026-11-21T07:30:00Z", required = true) Instant at,
    @NotNull @Min(0) @Max(10) @Schema(description = "Pain on the 0-10 numeric rating scale.", example = "4", required = true) Integer score,
    @NotNull @Schema(description = "When in the day, or after what.", example = "morning", required = true) Values.Context context,
    @Schema(description = "Side of the pain.", example = "left") Values.PainSide side,
    @UniqueElements @Size(max = 6) @Schema(description = "Where the pain is felt.", example = "[\"lower_back\", \"buttock\"]")
    List<Values.@NotNull Location> locations,
    @Size(max = 1000) @Schema(description = "Free text, up to 1000 characters.", example = "Stiff after the drive to work") String note,
    @Valid @Schema(description = "Red-flag answers; any that is present raises an alert and asks triage-service for a disposition.")
    RedFlagsRequest redFlags) {

  @Schema(description = "The red-flag questions of the triage symptom report; values as triage spells them.")
  public record RedFlagsRequest(
      @Schema(example = "false") Boolean bowelOrBladderChange,
      @Schema(example = "false") Boolean saddleNumbness,
      @Schema(example = "none") Values.LegWeakness legWeakness,
      @Schema(example = "false") Boolean legNumbnessOrTingling,
      @Schema(example = "false") Boolean feverOrChills,
      @Schema(example = "none") Values.Trauma trauma) {

    RedFlags toDomain() {
      return new RedFlags(bowelOrBladderChange, saddleNumbness, Values.name(legWeakness), legNumbnessOrTingling, feverOrChills,
          Values.name(trauma));
    }
  }

  PainEntries.NewEntry toDomain() {
    return new PainEntries.NewEntry(at, score, context.name(), Values.name(side),
        locations == null ? null : locations.stream().map(Enum::name).toList(), note, redFlags == null ? null : redFlags.toDomain());
  }

  @Schema(name = "PainEntryBulkRequest", description = "Up to 500 pain entries, stored all together or not at all.")
  public record Bulk(@NotNull @Size(min = 1, max = 500) @Schema(required = true) List<@NotNull @Valid PainEntryRequest> items) {}
}
