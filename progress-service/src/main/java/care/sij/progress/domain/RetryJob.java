package care.sij.progress.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** What could not be done while another service was down: checking exercise ids, asking triage about red flags. */
@ApplicationScoped
public class RetryJob {
  private final Sessions sessions;
  private final Alerts alerts;

  RetryJob(Sessions sessions, Alerts alerts) {
    this.sessions = sessions;
    this.alerts = alerts;
  }

  @Scheduled(every = "${progress.retry-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void run() {
    sessions.verifyPending();
    alerts.askTriagePending(null);
  }
}
