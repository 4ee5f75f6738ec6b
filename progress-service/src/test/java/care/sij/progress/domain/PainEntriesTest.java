package care.sij.progress.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import care.sij.common.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes without an Idempotency-Key that arrive while another is being stored are stored together,
 * and each still gets its own answer: its entries, a 404 for a patient not the tenant's, or its own error.
 */
@QuarkusTest
class PainEntriesTest {
  @Inject
  PainEntries entries;
  @Inject
  Patients patients;

  private record Patient(String tenant, UUID id) {}

  private Patient patient() {
    String tenant = "t-" + UUID.randomUUID();
    return new Patient(tenant, patients.create(tenant, "pt-" + UUID.randomUUID(), new Patients.Plan("stability-routine", 3)).id);
  }

  private final ExecutorService writers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    writers.shutdownNow();
  }

  private CompletableFuture<PainEntries.Added> add(Patient to, int score) {
    return CompletableFuture.supplyAsync(() -> entries.add(to.tenant(), to.id(),
        List.of(new PainEntries.NewEntry(Instant.now().minus(Duration.ofMinutes(1)), score, "morning", null, null, null, null))), writers);
  }

  /**
   * Runs {@code queued} while a first write of {@code blocking} waits for a lock on its daily sum,
   * so that what {@code queued} sends waits for that write and is stored after it, all at once.
   */
  private CompletableFuture<PainEntries.Added> whileAWriteIsStored(Patient blocking, Runnable queued) throws Exception {
    add(blocking, 5).get(30, TimeUnit.SECONDS); // today's daily sum exists: the next write of the patient updates it
    return QuarkusTransaction.requiringNew().call(() -> {
      Panache.getEntityManager().createNativeQuery("SELECT 1 FROM pain_day WHERE patient_id = ?1 FOR UPDATE")
          .setParameter(1, blocking.id()).getResultList();
      CompletableFuture<PainEntries.Added> first = add(blocking, 6);
      pause(); // the first write reaches the lock
      queued.run();
      pause(); // the others wait behind it
      return first;
    });
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The transaction that stored an entry (PostgreSQL's xmin of its row). */
  private static String transactionOf(UUID entry) {
    return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
        .createNativeQuery("SELECT xmin::text FROM pain_entry WHERE id = ?1").setParameter(1, entry).getSingleResult().toString());
  }

  private static long count(Patient p) {
    return QuarkusTransaction.requiringNew().call(() -> PainEntry.count("patientId", p.id()));
  }

  @Test
  void writesWaitingForAnotherAreStoredTogetherEachWithItsOwnAnswer() throws Exception {
    Patient a = patient();
    Patient b = patient();
    Patient c = patient();
    CompletableFuture<?>[] queued = new CompletableFuture<?>[3];
    CompletableFuture<PainEntries.Added> first = whileAWriteIsStored(a, () -> {
      queued[0] = add(b, 3);
      queued[1] = add(new Patient(b.tenant(), c.id()), 4); // another tenant's patient
      queued[2] = add(a, 7);
    });
    PainEntry firstEntry = first.get(30, TimeUnit.SECONDS).entries().get(0);
    PainEntry toB = ((PainEntries.Added) queued[0].get(30, TimeUnit.SECONDS)).entries().get(0);
    PainEntry toA = ((PainEntries.Added) queued[2].get(30, TimeUnit.SECONDS)).entries().get(0);
    assertEquals(List.of(6, 3, 7), List.of(firstEntry.score, toB.score, toA.score));
    assertEquals(List.of(a.id(), b.id(), a.id()), List.of(firstEntry.patientId, toB.patientId, toA.patientId));
    ExecutionException notFound = assertThrows(ExecutionException.class, () -> queued[1].get(30, TimeUnit.SECONDS));
    assertInstanceOf(ProblemException.NotFound.class, notFound.getCause());
    assertEquals(List.of(3L, 1L, 0L), List.of(count(a), count(b), count(c)));
    assertEquals(transactionOf(toB.id), transactionOf(toA.id));
    assertNotEquals(transactionOf(firstEntry.id), transactionOf(toA.id));
  }

  @Test
  void aWriteTheDatabaseRefusesFailsAloneAndTheOthersWaitingWithItAreStored() throws Exception {
    Patient a = patient();
    Patient b = patient();
    CompletableFuture<?>[] queued = new CompletableFuture<?>[2];
    CompletableFuture<PainEntries.Added> first = whileAWriteIsStored(a, () -> {
      queued[0] = add(b, 11); // out of range: only the API's validation stops it before the database does
      queued[1] = add(a, 2);
    });
    first.get(30, TimeUnit.SECONDS);
    ExecutionException refused = assertThrows(ExecutionException.class, () -> queued[0].get(30, TimeUnit.SECONDS));
    assertFalse(refused.getCause() instanceof ProblemException, refused.getCause().toString());
    assertEquals(2, ((PainEntries.Added) queued[1].get(30, TimeUnit.SECONDS)).entries().get(0).score);
    assertEquals(List.of(3L, 0L), List.of(count(a), count(b)));
  }
}
