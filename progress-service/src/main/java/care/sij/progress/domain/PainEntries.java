package care.sij.progress.domain;

import care.sij.common.Cursor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/** Pain entries of a patient of the caller's tenant. */
@ApplicationScoped
public class PainEntries {
  public record NewEntry(Instant at, int score, String context, String side, List<String> locations, String note, RedFlags redFlags) {}

  private final Patients patients;
  private final Alerts alerts;
  private final Clock clock;
  private final GroupCommit<PainEntry, Added> groups;

  PainEntries(Patients patients, Alerts alerts, Clock clock, DataSource database) {
    this.patients = patients;
    this.alerts = alerts;
    this.clock = clock;
    this.groups = new GroupCommit<>("pain-entry-writer", database, this::store);
  }

  /** Refuses times out of {@link Times}' bounds; {@code field} names each, e.g. "items[3].at". */
  public void checkTimes(List<Instant> times, java.util.function.IntFunction<String> field) {
    Times.checkRecorded(times, field, clock);
  }

  /** The stored entries and, for each entry with red flags, the alert it raised. */
  public record Added(List<PainEntry> entries, Map<UUID, UUID> redFlagAlerts) {}

  @PreDestroy
  void close() {
    groups.close();
  }

  /**
   * Stores the entries and raises what follows from them, in one statement with the writes of the
   * same group ({@link GroupCommit}); a write whose patient is not the tenant's stores nothing and
   * gets 404.
   */
  public Added add(String tenant, UUID patientId, List<NewEntry> entries) {
    return GroupCommit.await(submit(tenant, patientId, entries));
  }

  /** As {@link #add}, completing when the group has committed (at once within a transaction). */
  public CompletableFuture<Added> submit(String tenant, UUID patientId, List<NewEntry> entries) {
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
    return groups.write(FigureReads.entryWrite(tenant, patientId, stored));
  }

  /** Within a transaction on the connection: for each write, what it stored and raised, or empty when the tenant has no such patient. */
  private List<Optional<Added>> store(Connection c, List<FigureReads.Write<PainEntry>> writes) throws SQLException {
    List<Optional<FigureReads.Written>> found = FigureReads.insert(c, writes, Instant.now(clock));
    List<Optional<Added>> added = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      FigureReads.Write<PainEntry> w = writes.get(i);
      Optional<FigureReads.Written> written = found.get(i);
      added.add(written.isEmpty() ? Optional.empty()
          : Optional.of(new Added(w.records(), alerts.afterEntries(c, w.tenant(), w.patientId(), w.records(), written.get()))));
    }
    return added;
  }

  public List<PainEntry> list(String tenant, UUID patientId, Instant from, Instant to, Cursor after, int limit) {
    Patient patient = patients.get(tenant, patientId);
    return Listing.page(PainEntry.class, patient.id, Times.checkParameter(from, "from", clock), Times.checkParameter(to, "to", clock),
        after, limit);
  }
}
