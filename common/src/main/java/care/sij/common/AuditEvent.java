package care.sij.common;

import java.time.Instant;
import java.util.UUID;

/** One access to patient-level data: who, what, which record, with what outcome. Never the data itself. */
public record AuditEvent(UUID id, Instant at, String tenant, String subject, String client, String action, String resourceType,
    String resourceId, String patientId, int outcome, String requestId) {}
