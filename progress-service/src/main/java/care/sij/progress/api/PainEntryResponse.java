package care.sij.progress.api;

import care.sij.progress.domain.PainEntry;
import care.sij.progress.domain.RedFlags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A stored pain entry.")
public record PainEntryResponse(
    @Schema(example = "5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4") UUID id,
    @Schema(example = "6f1c2a9e-3b7d-4f5e-9a0b-1c2d3e4f5a6b") UUID patientId,
    @Schema(example = "2026-11-21T07:30:00Z") Instant at,
    @Schema(example = "4") int score,
    @Schema(example = "morning") String context,
    @Schema(example = "left") String side,
    @Schema(example = "[\"lower_back\"]") List<String> locations,
    String note,
    RedFlags redFlags,
    @Schema(description = "The red-flag alert this entry raised, if any; GET /v1/alerts/{id} gives its disposition.")
    UUID redFlagAlertId,
    @Schema(example = "2026-11-21T07:31:02Z") Instant createdAt) {

  static PainEntryResponse of(PainEntry e, Map<UUID, UUID> redFlagAlerts) {
    return new PainEntryResponse(e.id, e.patientId, e.at, e.score, e.context, e.side, e.locations, e.note, e.redFlags,
        redFlagAlerts.get(e.id), e.createdAt);
  }

  @Schema(name = "PainEntryBulkResponse", description = "Every entry of a bulk request, in the order sent.")
  public record Bulk(List<PainEntryResponse> items) {}
}
