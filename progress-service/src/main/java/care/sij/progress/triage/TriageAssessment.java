package care.sij.progress.triage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** What progress keeps of a triage assessment, and when triage made it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TriageAssessment(UUID id, String disposition, Instant createdAt) {}
