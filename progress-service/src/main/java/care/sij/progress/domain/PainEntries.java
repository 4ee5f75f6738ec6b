package care.sij.progress.domain;

import care.sij.common.Cursor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/** Pain entries of a patient of the caller's tenant. */
@ApplicationScoped
public class PainEntries {
  public record NewEntry(Instant at, int score, String context, String side, List<String> locations, String note, RedFlags redFlags) {}

  private final Patients patients;
  private final Alerts alerts;
  private final Clock clock;
  private final GroupCommit<PainEntry, Added> writer;

  PainEntries(Patients patients, Alerts alerts, Clock clock, DataSource database) {
    this.patients = patients;
    this.alerts = alerts;
    this.clock = clock;
    this.writer = new GroupCommit<>("pain-entry-writer", database, this::store);
  }

  /** Refuses times out of {@link Times}' bounds; {@code field} names each, e.g. "items[3].at". */
  public void checkTimes(List<Instant> times, IntFunction<String> field) {
    Times.checkRecorded(times, field, clock);
  }

  /** The stored entries and, for each entry with red flags, the alert it raised. */
  public record Added(List<PainEntry> entries, Map<UUID, UUID> redFlagAlerts) {}

  @PreDestroy
  void close() {
    writer.close();
  }

  /**
   * Stores the entries, with the other writes waiting, and raises what follows from them; returns
   * once they are committed. A patient not the tenant's stores nothing and gets 404.
   */
  public Added add(String tenant, UUID patientId, List<NewEntry> entries) {
    return GroupCommit.await(writer.submit(write(tenant, patientId, entries)));
  }

  /** As {@link #add}, completing when the group has committed instead of waiting for it. */
  public CompletableFuture<Added> submit(String tenant, UUID patientId, List<NewEntry> entries) {
    return writer.submit(write(tenant, patientId, entries));
  }

  /** As {@link #add}, within the caller's transaction (one that stores an Idempotency-Key's record too). */
  @Transactional(Transactional.TxType.MANDATORY)
  public Added addInTransaction(String tenant, UUID patientId, List<NewEntry> entries) {
    return writer.storeInTransaction(write(tenant, patientId, entries));
  }

  private BatchInserts.Write<PainEntry> write(String tenant, UUID patientId, List<NewEntry> entries) {
    Instant createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    List<PainEntry> stored = new ArrayList<>();
    for (NewEntry n : entries) {
      PainEntry e = new PainEntry();
      e.id = UUID.randomUUID();
      e.patientId = patientId;
      e.at = n.at().truncatedTo(ChronoUnit.MICROS);
      e.score = n.score();
      e.context = n.context();
      e.side = n.side();
      e.locations = n.locations() == null ? List.of() : List.copyOf(n.locations());
      e.note = n.note();
      e.redFlags = n.redFlags();
      e.createdAt = createdAt;
      stored.add(e);
    }
    return BatchInserts.entryWrite(tenant, patientId, stored);
  }

  /** On the writer's connection, in its transaction: the batch insert, the trends it leads to, then the alerts. */
  private List<Optional<Added>> store(Connection c, List<BatchInserts.Write<PainEntry>> writes) throws SQLException {
    List<Optional<FigureReads.Written>> found = insert(c, writes, Instant.now(clock));
    List<Optional<Added>> added = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      BatchInserts.Write<PainEntry> w = writes.get(i);
      Optional<FigureReads.Written> written = found.get(i);
      added.add(written.isEmpty() ? Optional.empty()
          : Optional.of(new Added(w.records(), alerts.afterEntries(c, w.tenant(), w.patientId(), w.records(), written.get()))));
    }
    return added;
  }

  /**
   * Stores the writes and reads each found patient's trend up to {@code to} with them; for each
   * write in order, empty when its tenant has no such patient. Writes for the same patient each get
   * the trend with all of them.
   */
  static List<Optional<FigureReads.Written>> insert(Connection c, List<BatchInserts.Write<PainEntry>> writes, Instant to)
      throws SQLException {
    List<Boolean> found = BatchInserts.entries(c, writes);
    Set<UUID> patients = new LinkedHashSet<>();
    for (int i = 0; i < writes.size(); i++) {
      if (found.get(i)) {
        patients.add(writes.get(i).patientId());
      }
    }
    Map<UUID, FigureReads.Written> trends = patients.isEmpty() ? Map.of() : FigureReads.trends(c, patients, to);
    List<Optional<FigureReads.Written>> written = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      written.add(found.get(i) ? Optional.of(trends.get(writes.get(i).patientId())) : Optional.empty());
    }
    return written;
  }

  public List<PainEntry> list(String tenant, UUID patientId, Instant from, Instant to, Cursor after, int limit) {
    Patient patient = patients.get(tenant, patientId);
    return Listing.page(PainEntry.class, patient.id, Times.checkParameter(from, "from", clock), Times.checkParameter(to, "to", clock),
        after, limit);
  }
}
