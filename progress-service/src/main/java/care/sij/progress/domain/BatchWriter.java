package care.sij.progress.domain;

import java.util.concurrent.CompletableFuture;

/**
 * Stores writes of one kind (pain entries, sessions) with what follows from them, in one of two ways
 * the caller chooses: grouped with other writes in a transaction of the writer's own, or at once in
 * the caller's transaction. {@link GroupCommit} is the one implementation (decision 0006).
 *
 * @param <E> what a write stores
 * @param <R> what storing a write gives
 */
interface BatchWriter<E, R> {
  /** Joins the next group; completes when the group has committed, with this write's result or its own error. */
  CompletableFuture<R> submit(BatchInserts.Write<E> write);

  /** Stores the write now, within the transaction under way, so that it commits with what else that holds (a key's record). */
  R storeInTransaction(BatchInserts.Write<E> write);
}
