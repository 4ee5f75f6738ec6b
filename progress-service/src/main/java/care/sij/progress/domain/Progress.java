package care.sij.progress.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A patient's figures over a window, read in one transaction. */
@ApplicationScoped
public class Progress {
  private final Patients patients;
  private final Alerts alerts;
  private final Clock clock;

  Progress(Patients patients, Alerts alerts, Clock clock) {
    this.patients = patients;
    this.alerts = alerts;
    this.clock = clock;
  }

  public record View(Patient patient, ProgressCalculator.Summary summary, List<Alert> openAlerts) {}

  /** Over {@link Times#window}: {@code to} defaults to now; {@code from} to the first record within the longest window. */
  @Transactional
  public View of(String tenant, UUID patientId, Instant from, Instant to) {
    Patient patient = patients.get(tenant, patientId);
    Times.Window window = Times.window(from, to, () -> FigureReads.earliest(patient.id), clock);
    Instant start = window.from();
    Instant end = window.to();
    var summary = ProgressCalculator.compute(FigureReads.scores(patient.id, start, end), FigureReads.sessions(patient.id, start, end),
        patient.planSessionsPerWeek, start, end);
    return new View(patient, summary, alerts.open(patient.id));
  }
}
