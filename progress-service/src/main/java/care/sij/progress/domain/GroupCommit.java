package care.sij.progress.domain;

import care.sij.common.DatabaseDown;
import care.sij.common.ProblemException;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Group commit for writes without an Idempotency-Key: a round trip, a transaction and a commit less
 * for each write that waits (docs/decisions/0006), and the one exception to transactions declared on
 * service beans. Writes queue up while a group is being stored; one thread
 * of its own stores every write waiting, up to a number of records, in one transaction, then the
 * next group. Each write is answered only after that commit, with its own result or error: a write
 * the store finds nothing for (a patient not the tenant's) gets its own error without failing the
 * others, and when the group's transaction fails each write is tried alone, unless the database
 * is out of reach, which every write of the group hears at once. One group is stored at a time:
 * two at once make smaller groups, cost more database work per write and deadlock on daily sums.
 * The writer uses plain JDBC on a pooled connection that it keeps while writes wait, since every
 * write waits for the writer and JTA's and Hibernate's coordination would sit on that path.
 *
 * @param <E> what a write stores (a pain entry, a session)
 * @param <R> what storing a write gives
 */
final class GroupCommit<E, R> implements BatchWriter<E, R>, AutoCloseable {
  /** At most this many records go into one group's statement (more only when one write holds more). */
  static final int MAX_RECORDS = 1000;

  /** Within a transaction on the connection: for each write in order, its result, or empty when the tenant has no such patient. */
  interface Store<E, R> {
    List<Optional<R>> store(Connection c, List<BatchInserts.Write<E>> writes) throws SQLException;
  }

  private record Pending<E, R>(BatchInserts.Write<E> write, CompletableFuture<R> done) {}

  private final DataSource database;
  private final Store<E, R> store;
  private final ExecutorService writer;
  private final ArrayDeque<Pending<E, R>> waiting = new ArrayDeque<>(); // guarded by itself, as is storing
  private boolean storing;

  GroupCommit(String name, DataSource database, Store<E, R> store) {
    this.database = database;
    this.store = store;
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public R storeInTransaction(BatchInserts.Write<E> write) {
    return FigureReads.work(c -> store.store(c, List.of(write))).get(0).orElseThrow(() -> nothingFound(write));
  }

  @Override
  public CompletableFuture<R> submit(BatchInserts.Write<E> write) {
    Pending<E, R> mine = new Pending<>(write, new CompletableFuture<>());
    boolean start;
    synchronized (waiting) {
      waiting.add(mine);
      start = !storing;
      storing = true;
    }
    if (start) {
      try {
        writer.execute(this::storeWaiting);
      } catch (RejectedExecutionException e) { // closed: the service is stopping
        failWaiting(e);
      }
    }
    return mine.done;
  }

  /** What the write gave, or its own error as thrown (not wrapped). */
  static <R> R await(CompletableFuture<R> result) {
    try {
      return result.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** On the writer: groups until none waits, on one connection (a new one after a failure). */
  private void storeWaiting() {
    Connection c = null;
    try {
      while (true) {
        List<Pending<E, R>> group = new ArrayList<>();
        synchronized (waiting) {
          if (waiting.isEmpty()) {
            storing = false;
            return;
          }
          int count = 0;
          while (!waiting.isEmpty() && (group.isEmpty() || count + waiting.peek().write.records().size() <= MAX_RECORDS)) {
            count += waiting.peek().write.records().size();
            group.add(waiting.poll());
          }
        }
        try {
          c = store(c, group);
        } catch (Throwable e) { // an Error: no write may wait for ever, and the next group still gets its turn
          group.forEach(p -> p.done.completeExceptionally(e));
          c = discard(c);
        }
      }
    } finally {
      discard(c);
    }
  }

  /** Stores the group in a transaction of its own; returns the connection for the next, or null when it failed. */
  private Connection store(Connection c, List<Pending<E, R>> group) {
    List<Optional<R>> results;
    try {
      if (c == null) {
        c = database.getConnection();
        c.setAutoCommit(false);
      }
      results = store.store(c, group.stream().map(p -> p.write).toList());
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c = discard(c);
      if (group.size() == 1 || DatabaseDown.causes(e)) { // no write of the group can be stored now: each hears so at once
        PersistenceException failure = e instanceof SQLException sql ? new PersistenceException(sql) : null;
        group.forEach(p -> p.done.completeExceptionally(failure != null ? failure : e));
      } else {
        for (Pending<E, R> p : group) { // so that one write's failure is only its own
          c = store(c, List.of(p));
        }
      }
      return c;
    }
    for (int i = 0; i < group.size(); i++) {
      Pending<E, R> p = group.get(i);
      results.get(i).ifPresentOrElse(p.done::complete, () -> p.done.completeExceptionally(nothingFound(p.write)));
    }
    return c;
  }

  /** Rolls back what is under way and gives the connection back to the pool; null. */
  private static Connection discard(Connection c) {
    if (c != null) {
      try (c) {
        c.rollback();
      } catch (SQLException e) {
        // broken: the pool finds out and drops it
      }
    }
    return null;
  }

  private void failWaiting(RuntimeException e) {
    List<Pending<E, R>> failed;
    synchronized (waiting) {
      failed = new ArrayList<>(waiting);
      waiting.clear();
      storing = false;
    }
    failed.forEach(p -> p.done.completeExceptionally(e));
  }

  private static RuntimeException nothingFound(BatchInserts.Write<?> write) {
    return new ProblemException.NotFound("patient", write.patientId());
  }

  /**
   * Stores the writes waiting (before the database goes, when the service stops), for up to 10 s;
   * a write that comes later fails.
   */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
