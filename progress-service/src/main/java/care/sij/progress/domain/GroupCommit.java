package care.sij.progress.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Group commit for writes without an Idempotency-Key (bench/: a round trip, a transaction and a
 * commit less for each write that waits). A write that arrives while a group is being stored waits;
 * then the thread of the first in line stores every write waiting, up to a number of records, in one
 * transaction. Each write is answered only after that commit, with its own result or error: a write
 * the store finds nothing for (a patient not the tenant's) gets its own error without failing the
 * others, and when the group's transaction fails each write is tried alone. One group is stored at
 * a time: two at once made the groups half as big and the writes slower.
 *
 * @param <W> a write
 * @param <R> what storing it gives
 */
final class GroupCommit<W, R> {
  /** Within a transaction: for each write in order, its result, or empty when there is nothing to store it for. */
  interface Store<W, R> {
    List<Optional<R>> store(List<W> writes);
  }

  private final class Pending {
    final W write;
    final CompletableFuture<R> done = new CompletableFuture<>();
    /** Completed once: when the write is answered, or when it is first in line and its thread is to store the next group. */
    final CompletableFuture<Void> wake = new CompletableFuture<>();

    Pending(W write) {
      this.write = write;
    }
  }

  private final Store<W, R> store;
  private final ToIntFunction<W> records;
  private final int maxRecords;
  private final Function<W, RuntimeException> nothingFound;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>(); // guarded by itself, as is storing
  private boolean storing;

  /**
   * @param records how many records a write holds; a group holds at most {@code maxRecords} (more only when one write does)
   * @param nothingFound the error of a write that the store gave no result for
   */
  GroupCommit(Store<W, R> store, ToIntFunction<W> records, int maxRecords, Function<W, RuntimeException> nothingFound) {
    this.store = store;
    this.records = records;
    this.maxRecords = maxRecords;
    this.nothingFound = nothingFound;
  }

  /** Stores the write in the transaction under way (one a key's record must commit with), or else with the others waiting. */
  R write(W write) {
    if (QuarkusTransaction.isActive()) {
      return store.store(List.of(write)).get(0).orElseThrow(() -> nothingFound.apply(write));
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
        while (!waiting.isEmpty() && (group.isEmpty() || count + records.applyAsInt(waiting.peek().write) <= maxRecords)) {
          count += records.applyAsInt(waiting.peek().write);
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
      results.get(i).ifPresentOrElse(p.done::complete, () -> p.done.completeExceptionally(nothingFound.apply(p.write)));
    }
  }
}
