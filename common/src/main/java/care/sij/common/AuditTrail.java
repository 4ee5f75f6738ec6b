package care.sij.common;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The service's audit trail: an append-only table in a schema of its own, which the service's role
 * may add to and read but not change (docker/postgres/service-schema.sql provisions it). One writer
 * thread stores whatever events are waiting in one statement; a write's answer waits for its event
 * to be stored, a read's does not (its event follows within a second).
 */
@ApplicationScoped
public class AuditTrail {
  private static final Logger LOG = Logger.getLogger(AuditTrail.class);
  /** Most events one statement stores. */
  private static final int BATCH = 500;

  @ConfigMapping(prefix = "sij.audit")
  public interface Settings {
    /** The schema of the audit_event table: the service's own name with _audit. */
    String schema();

    /** Events waiting to be stored at most; beyond it, a request is refused with 503 rather than left unaudited. */
    @WithDefault("10000")
    int queue();

    /** How long a write's answer waits for its event before it is refused with 503. */
    @WithDefault("5s")
    Duration writeWait();
  }

  private record Pending(AuditEvent event, CompletableFuture<Void> stored) {}

  private final DataSource dataSource;
  private final Settings settings;
  private final BlockingQueue<Pending> queue;
  private final String insert;
  private volatile boolean running;
  private Thread writer;

  AuditTrail(DataSource dataSource, Settings settings) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queue());
    this.insert = "INSERT INTO " + quoted(settings.schema()) + ".audit_event (id, at, tenant, subject, client, action, resource_type,"
        + " resource_id, patient_id, outcome, request_id) VALUES ";
  }

  void start(@Observes StartupEvent started) {
    running = true;
    writer = new Thread(this::writeWhileRunning, "audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
    running = false;
    if (writer != null) {
      writer.interrupt();
      writer.join(5_000);
    }
  }

  /**
   * Queues the event; the stage completes once it is stored (fails if it cannot be), and at once
   * fails when the queue is full.
   */
  public CompletionStage<Void> record(AuditEvent event) {
    Pending pending = new Pending(event, new CompletableFuture<>());
    if (!running || !queue.offer(pending)) {
      pending.stored().completeExceptionally(new IllegalStateException("the audit trail is not accepting events"));
    }
    return pending.stored();
  }

  Duration writeWait() {
    return settings.writeWait();
  }

  /** The tenant's events, newest first, of one patient or all, between from (inclusive) and to (exclusive). */
  public List<AuditEvent> list(String tenant, String patientId, Instant from, Instant to, Cursor after, int limit) {
    StringBuilder sql = new StringBuilder("SELECT id, at, tenant, subject, client, action, resource_type, resource_id, patient_id,"
        + " outcome, request_id FROM " + quoted(settings.schema()) + ".audit_event WHERE tenant = ?");
    List<Object> values = new ArrayList<>(List.of(tenant));
    if (patientId != null) {
      sql.append(" AND patient_id = ?");
      values.add(patientId);
    }
    if (from != null) {
      sql.append(" AND at >= ?");
      values.add(Timestamp.from(from));
    }
    if (to != null) {
      sql.append(" AND at < ?");
      values.add(Timestamp.from(to));
    }
    if (after != null) {
      sql.append(" AND (at, id) < (?, ?)");
      values.add(Timestamp.from(after.at()));
      values.add(after.id());
    }
    sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
    values.add(limit);
    try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < values.size(); i++) {
        select.setObject(i + 1, values.get(i));
      }
      List<AuditEvent> events = new ArrayList<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          events.add(new AuditEvent(r.getObject(1, UUID.class), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4),
              r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getInt(10), r.getString(11)));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the audit trail: " + e.getMessage(), e);
    }
  }

  private void writeWhileRunning() {
    List<Pending> batch = new ArrayList<>(BATCH);
    while (running || !queue.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Pending first = queue.poll(1, TimeUnit.SECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
        }
        queue.drainTo(batch, BATCH - batch.size());
        store(batch);
        batch.forEach(p -> p.stored().complete(null));
        batch.clear();
      } catch (InterruptedException e) {
        if (!running && queue.isEmpty() && batch.isEmpty()) {
          return;
        }
      } catch (SQLException | RuntimeException e) {
        LOG.warnf("audit events not stored yet, trying again in a second: %s", e.getMessage());
        // a write's answer is refused at once; a read's event stays and is stored when the database answers
        batch.stream().filter(p -> !p.event().action().equals("read")).forEach(p -> p.stored().completeExceptionally(e));
        batch.removeIf(p -> p.stored().isCompletedExceptionally());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException stopping) {
          if (!running) {
            batch.forEach(p -> p.stored().completeExceptionally(e));
            return;
          }
        }
      }
    }
  }

  private void store(List<Pending> batch) throws SQLException {
    StringBuilder sql = new StringBuilder(insert);
    for (int i = 0; i < batch.size(); i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?)");
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
      int n = 0;
      for (Pending p : batch) {
        AuditEvent e = p.event();
        s.setObject(++n, e.id());
        s.setTimestamp(++n, Timestamp.from(e.at()));
        s.setString(++n, e.tenant());
        s.setString(++n, e.subject());
        s.setString(++n, e.client());
        s.setString(++n, e.action());
        s.setString(++n, e.resourceType());
        s.setString(++n, e.resourceId());
        s.setString(++n, e.patientId());
        s.setInt(++n, e.outcome());
        s.setString(++n, e.requestId());
      }
      s.executeUpdate(); // one statement: all its events are stored, or none
    }
  }

  private static String quoted(String identifier) {
    if (!identifier.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("sij.audit.schema must be a plain lower-case name: " + identifier);
    }
    return "\"" + identifier + "\"";
  }
}
