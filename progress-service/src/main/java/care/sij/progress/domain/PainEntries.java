package care.sij.progress.domain;

import care.sij.common.Cursor;
import care.sij.common.Problem;
import care.sij.common.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Pain entries of a patient of the caller's tenant. */
@ApplicationScoped
public class PainEntries {
  /** Clocks of phones drift: a little ahead of ours is not "the future". */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  public record NewEntry(Instant at, int score, String context, String side, List<String> locations, String note, RedFlags redFlags) {}

  private final Patients patients;
  private final Alerts alerts;
  private final Clock clock;

  PainEntries(Patients patients, Alerts alerts, Clock clock) {
    this.patients = patients;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Refuses entries dated in the future; {@code field} names each, e.g. "items[3].at". */
  public void checkNotInFuture(List<Instant> times, java.util.function.IntFunction<String> field) {
    Instant limit = Instant.now(clock).plus(CLOCK_SKEW);
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      if (times.get(i).isAfter(limit)) {
        errors.add(new Problem.FieldError(field.apply(i), "must not be in the future"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException.BadRequest(errors);
    }
  }

  /** The stored entries and, for each entry with red flags, the alert it raised. */
  public record Added(List<PainEntry> entries, Map<UUID, UUID> redFlagAlerts) {}

  /** A write waiting to be stored, and what storing it gave. */
  private record Pending(FigureReads.Write write, CompletableFuture<Added> done) {}

  /** At most this many entries go into one combined statement (more only when one write holds more). */
  static final int COMBINED_ENTRIES = 1000;

  private final ArrayDeque<Pending> waiting = new ArrayDeque<>(); // guarded by itself, as is storing
  private boolean storing;

  /**
   * Stores the entries and raises what follows from them. Inside a transaction (a write with an
   * Idempotency-Key, whose record must commit with it) in that transaction; otherwise in a
   * transaction shared with the writes that arrive while an earlier one is stored, in one
   * statement (bench/: a round trip, a transaction and a commit less for each of them). Each
   * write still gets its own answer only after its entries are committed, and a write whose
   * patient is not the tenant's stores nothing and gets 404 without failing the others.
   */
  public Added add(String tenant, UUID patientId, List<NewEntry> entries) {
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
    FigureReads.Write write = new FigureReads.Write(tenant, patientId, stored);
    if (QuarkusTransaction.isActive()) {
      return store(List.of(write)).get(0).orElseThrow(() -> notFound(write));
    }
    return combined(new Pending(write, new CompletableFuture<>()));
  }

  /**
   * Group commit: the first waiting write whose thread finds no store under way stores every write
   * waiting, up to {@link #COMBINED_ENTRIES} entries; the others wait for their answer or their turn.
   */
  private Added combined(Pending mine) {
    boolean interrupted = false;
    synchronized (waiting) {
      waiting.add(mine);
    }
    while (!mine.done().isDone()) {
      List<Pending> batch = new ArrayList<>();
      synchronized (waiting) {
        while (storing && !mine.done().isDone()) {
          try {
            waiting.wait();
          } catch (InterruptedException e) {
            interrupted = true; // the write may be under way already: see it through
          }
        }
        if (mine.done().isDone()) {
          break;
        }
        storing = true;
        int count = 0;
        while (!waiting.isEmpty() && (batch.isEmpty() || count + waiting.peek().write().entries().size() <= COMBINED_ENTRIES)) {
          count += waiting.peek().write().entries().size();
          batch.add(waiting.poll());
        }
      }
      try {
        storeCombined(batch);
      } finally {
        for (Pending p : batch) {
          if (!p.done().isDone()) { // only after an Error: a waiting thread must not wait for ever
            p.done().completeExceptionally(new IllegalStateException("the combined write stopped before answering"));
          }
        }
        synchronized (waiting) {
          storing = false;
          waiting.notifyAll();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      return mine.done().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** In a transaction of its own; when it fails, each write is tried alone, so that one write's failure is only its own. */
  private void storeCombined(List<Pending> batch) {
    List<Optional<Added>> added;
    try {
      added = QuarkusTransaction.requiringNew().call(() -> store(batch.stream().map(Pending::write).toList()));
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).done().completeExceptionally(e);
      } else {
        batch.forEach(p -> storeCombined(List.of(p)));
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      added.get(i).ifPresentOrElse(p.done()::complete, () -> p.done().completeExceptionally(notFound(p.write())));
    }
  }

  /** Within a transaction: for each write, what it stored and raised, or empty when the tenant has no such patient. */
  private List<Optional<Added>> store(List<FigureReads.Write> writes) {
    List<Optional<FigureReads.Written>> found = FigureReads.insert(writes, Instant.now(clock));
    List<Optional<Added>> added = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      FigureReads.Write w = writes.get(i);
      added.add(found.get(i).map(written -> new Added(w.entries(), alerts.afterEntries(w.tenant(), w.patientId(), w.entries(), written))));
    }
    return added;
  }

  private static ProblemException notFound(FigureReads.Write write) {
    return new ProblemException.NotFound("patient", write.patientId());
  }

  public List<PainEntry> list(String tenant, UUID patientId, Instant from, Instant to, Cursor after, int limit) {
    Patient patient = patients.get(tenant, patientId);
    return Listing.page(PainEntry.class, patient.id, from, to, after, limit);
  }
}
