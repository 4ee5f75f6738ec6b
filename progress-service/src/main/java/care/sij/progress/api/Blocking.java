package care.sij.progress.api;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Runs a request's blocking work on a worker thread, in a CDI request context of its own (reads
 * outside a transaction need one for their Hibernate session). The request's context is not carried
 * over: CDI context propagation is off, because it captured and restored the contexts at each step
 * of every request's Mutiny authentication chain, and the work needs nothing of it.
 */
@Singleton
class Blocking {
  private final ManagedExecutor executor;

  Blocking(ManagedExecutor executor) {
    this.executor = executor;
  }

  <T> CompletableFuture<T> supply(Supplier<T> work) {
    return executor.supplyAsync(() -> {
      ManagedContext requests = Arc.container().requestContext();
      requests.activate();
      try {
        return work.get();
      } finally {
        requests.terminate();
      }
    });
  }
}
