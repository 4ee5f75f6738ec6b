package care.sij.progress.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What could not be done while another service was down: checking exercise ids, asking triage about
 * red flags, and triage's part of erasing patients.
 */
@ApplicationScoped
public class RetryJob {
  private final Sessions sessions;
  private final Alerts alerts;
  private final Erasures erasures;

  RetryJob(Sessions sessions, Alerts alerts, Erasures erasures) {
    this.sessions = sessions;
    this.alerts = alerts;
    this.erasures = erasures;
  }

  @Scheduled(every = "${progress.retry-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void run() {
    sessions.verifyPending();
    alerts.askTriagePending(null);
    erasures.retryPending();
  }
}
