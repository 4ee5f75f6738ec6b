package care.sij.progress.triage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** What progress keeps of a triage assessment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TriageAssessment(UUID id, String disposition) {}
