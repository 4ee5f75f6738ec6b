package care.sij.progress.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The writer thread's life: a write never waits for a writer that has stopped. */
@QuarkusTest
class GroupCommitTest {
  @Inject
  DataSource database;

  private static BatchInserts.Write<String> write(String record) {
    return new BatchInserts.Write<>("t", UUID.randomUUID(), List.of(record), new String[0][]);
  }

  @Test
  void writesAfterCloseFailInsteadOfWaitingForEver() throws Exception {
    GroupCommit<String, String> groups = new GroupCommit<>("test-writer", database,
        (c, writes) -> writes.stream().map(w -> Optional.of(w.records().get(0))).toList());
    assertEquals("a", groups.submit(write("a")).get(5, TimeUnit.SECONDS));
    groups.close();
    for (String late : List.of("b", "c")) { // the first failure leaves nothing behind that the next would wait for
      ExecutionException e = assertThrows(ExecutionException.class, () -> groups.submit(write(late)).get(5, TimeUnit.SECONDS));
      assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }
  }
}
