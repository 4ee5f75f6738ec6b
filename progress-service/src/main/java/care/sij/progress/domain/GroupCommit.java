package care.sij.progress.domain;

import care.sij.common.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Group commit for writes without an Idempotency-Key (bench/: a round trip, a transaction and a
 * commit less for each write that waits). A write that arrives while a group is being stored waits;
 * then the thread of the first in line stores every write waiting, up to a number of records, in one
 * transaction. Each write is answered only after that commit, with its own result or error: a write
 * the store finds nothing for (a patient not the tenant's) gets its own error without failing the
 * others, and when the group's transaction fails each write is tried alone. One group is stored at
 * a time: two at once made the groups half as big and the writes slower (also when the second
 * waited for 4 writes).
 *
 * @param <E> what a write stores (a pain entry, a session)
 * @param <R> what storing a write gives
 */
final class GroupCommit<E, R> {
  /** At most this many records go into one group's statement (more only when one write holds more). */
  static final int MAX_RECORDS = 1000;

  /** Within a transaction: for each write in order, its result, or empty when the tenant has no such patient. */
  interface Store<E, R> {
    List<Optional<R>> store(List<FigureReads.Write<E>> writes);
  }

  private final class Pending {
    final FigureReads.Write<E> write;
    final CompletableFuture<R> done = new CompletableFuture<>();
    /** Completed once: when the write is answered, or when it is first in line and its thread is to store the next group. */
    final CompletableFuture<Void> wake = new CompletableFuture<>();

    Pending(FigureReads.Write<E> write) {
      this.write = write;
    }
  }

  private final Store<E, R> store;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>(); // guarded by itself, as is storing
  private boolean storing;

  GroupCommit(Store<E, R> store) {
    this.store = store;
  }

  /** Stores the write in the transaction under way (one a key's record must commit with), or else with the others waiting. */
  R write(FigureReads.Write<E> write) {
    if (QuarkusTransaction.getStatus() != Status.STATUS_NO_TRANSACTION) { // isActive() is deprecated for removal
      return store.store(List.of(write)).get(0).orElseThrow(() -> nothingFound(write));
    }
    Pending mine = new Pending(write);
    boolean first;
    synchronized (waiting) {
      waiting.add(mine);
      first = !storing; // then nothing waits before it
      storing = true;
    }
    if (!first) {
      mine.wake.join(); // each thread is woken once, not all of them whenever a group is stored
    }
    if (!mine.done.isDone()) { // first in line: store the group it heads
      List<Pending> group = new ArrayList<>();
      synchronized (waiting) {
        int count = 0;
        while (!waiting.isEmpty() && (group.isEmpty() || count + waiting.peek().write.records().size() <= MAX_RECORDS)) {
          count += waiting.peek().write.records().size();
          group.add(waiting.poll());
        }
      }
      try {
        store(group);
      } finally {
        for (Pending p : group) {
          if (!p.done.isDone()) { // only after an Error: a waiting thread must not wait for ever
            p.done.completeExceptionally(new IllegalStateException("the group's store stopped before answering"));
          }
          p.wake.complete(null);
        }
        synchronized (waiting) {
          Pending next = waiting.peek();
          if (next == null) {
            storing = false;
          } else {
            next.wake.complete(null); // the next group's turn
          }
        }
      }
    }
    try {
      return mine.done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void store(List<Pending> group) {
    List<Optional<R>> results;
    try {
      results = QuarkusTransaction.requiringNew().call(() -> store.store(group.stream().map(p -> p.write).toList()));
    } catch (RuntimeException e) {
      if (group.size() == 1) {
        group.get(0).done.completeExceptionally(e);
      } else {
        group.forEach(p -> store(List.of(p))); // so that one write's failure is only its own
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      Pending p = group.get(i);
      results.get(i).ifPresentOrElse(p.done::complete, () -> p.done.completeExceptionally(nothingFound(p.write)));
    }
  }

  private static RuntimeException nothingFound(FigureReads.Write<?> write) {
    return new ProblemException.NotFound("patient", write.patientId());
  }
}
