package care.sij.progress.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bounded reads give what the figures computed from every record give. */
@QuarkusTest
class FigureReadsTest {
  @Inject
  Patients patients;

  private UUID patient() {
    return patients.create("t-" + UUID.randomUUID(), "pt-" + UUID.randomUUID(), new Patients.Plan("stability-routine", 3)).id;
  }

  private static void entry(UUID patient, Instant at, int score) {
    PainEntry e = new PainEntry();
    e.id = UUID.randomUUID();
    e.patientId = patient;
    e.at = at.truncatedTo(ChronoUnit.MICROS);
    e.score = score;
    e.context = "morning";
    e.locations = List.of();
    e.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    e.persist();
  }

  @Test
  void trendIsTheBaselineAndLatestWeekOfAllEntries() {
    Random random = new Random(3);
    for (int round = 0; round < 12; round++) {
      UUID patient = patient();
      Instant now = Instant.now().plusNanos(random.nextInt(1000)); // sub-microsecond parts, as Instant.now() has
      int days = round == 0 ? 0 : 1 + random.nextInt(60);
      QuarkusTransaction.requiringNew().run(() -> {
        for (int i = 0; i < days * 2; i++) {
          entry(patient, now.minus(Duration.ofMinutes(random.nextInt(days * 24 * 60 + 1))), random.nextInt(11));
        }
        if (days > 8) { // on the boundaries: exactly a week after the first entry, exactly a week before now, now, just after now
          Instant first = PainEntry.<PainEntry>find("patientId = ?1 order by at", patient).firstResult().at;
          entry(patient, first.plus(ProgressCalculator.WEEK), 9);
          entry(patient, now.minus(ProgressCalculator.WEEK).truncatedTo(ChronoUnit.MICROS), 8);
          entry(patient, now.truncatedTo(ChronoUnit.MICROS), 7);
          entry(patient, now.plus(Duration.ofMinutes(2)), 1); // a phone's clock a little ahead
        }
      });
      QuarkusTransaction.requiringNew().run(() -> {
        List<PainEntry> all = PainEntry.list("patientId", patient);
        var summary = ProgressCalculator.compute(all, List.of(), null, null, now);
        var trend = FigureReads.trend(patient, now);
        assertEquals(summary.baseline(), trend.baseline(), "baseline, round " + days);
        assertEquals(summary.latest(), trend.latest(), "latest, round " + days);
        assertEquals(summary.change(), trend.change(), "change, round " + days);
      });
    }
  }

  @Test
  void sessionsThatMayFlagAreFoundThroughTheirPartialIndex() {
    UUID patient = patient();
    QuarkusTransaction.requiringNew().run(() -> {
      var em = Panache.getEntityManager();
      em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate(); // the table is nearly empty here
      @SuppressWarnings("unchecked")
      List<Object> plan = em.createNativeQuery("EXPLAIN SELECT * FROM exercise_session WHERE patient_id = '" + patient + "' AND "
          + FigureReads.MAY_FLAG + " ORDER BY at").getResultList();
      assertTrue(plan.toString().contains("exercise_session_may_flag"), "the query repeats the index predicate: " + plan);
    });
  }
}
