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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bounded reads and the write that reads the trend give what the figures computed from every record give. */
@QuarkusTest
class FigureReadsTest {
  @Inject
  Patients patients;

  private UUID patient() {
    return patients.create("t-" + UUID.randomUUID(), "pt-" + UUID.randomUUID(), new Patients.Plan("stability-routine", 3)).id;
  }

  private static PainEntry entry(UUID patient, Instant at, int score) {
    PainEntry e = new PainEntry();
    e.id = UUID.randomUUID();
    e.patientId = patient;
    e.at = at.truncatedTo(ChronoUnit.MICROS);
    e.score = score;
    e.context = "morning";
    e.locations = List.of();
    e.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return e;
  }

  @Test
  void aWriteGivesTheTrendOfTheStoredEntriesAndItsOwn() {
    Random random = new Random(3);
    Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS); // UTC, as the daily sums count
    for (int round = 0; round < 18; round++) {
      UUID patient = patient();
      // sub-microsecond parts, as Instant.now() has; some rounds just before or after midnight
      Instant now = (round % 3 == 1 ? midnight.minusSeconds(90) : round % 3 == 2 ? midnight.plusSeconds(70) : Instant.now())
          .plusNanos(random.nextInt(1000));
      List<PainEntry> stored = history(patient, now, random, round < 2 ? 0 : 1 + random.nextInt(60));
      // some rounds write everything at once, the others a few entries onto what is stored
      int writing = round == 0 ? 0 : Math.min(stored.size(), random.nextInt(4) + (round % 4 == 0 ? 100 : 1));
      List<PainEntry> written = new ArrayList<>(stored.subList(0, writing));
      if (written.isEmpty()) {
        written.add(entry(patient, now.minus(Duration.ofHours(1)), 5));
        stored.add(written.get(0));
      }
      List<PainEntry> before = stored.subList(written.size(), stored.size());
      String tenant = tenantOf(patient);
      if (!before.isEmpty()) {
        QuarkusTransaction.requiringNew().run(() -> insert(tenant, patient, before, now).orElseThrow());
      }
      String what = "round " + round;
      QuarkusTransaction.requiringNew().run(
          () -> assertTrendOfAll(patient, stored.size(), insert(tenant, patient, written, now).orElseThrow().trend(), now, what));
    }
  }

  @Test
  void writesStoredTogetherGetEachTheTrendOfTheirPatient() {
    Random random = new Random(5);
    Instant now = Instant.now();
    UUID first = patient();
    UUID second = patient();
    UUID strangers = patient();
    List<PainEntry> firstStored = history(first, now, random, 20);
    List<PainEntry> secondStored = history(second, now, random, 9);
    QuarkusTransaction.requiringNew().run(() -> {
      insert(tenantOf(first), first, firstStored.subList(2, firstStored.size()), now).orElseThrow();
      insert(tenantOf(second), second, secondStored.subList(1, secondStored.size()), now).orElseThrow();
    });
    List<BatchInserts.Write<PainEntry>> writes = List.of(
        BatchInserts.entryWrite(tenantOf(first), first, firstStored.subList(0, 1)),
        BatchInserts.entryWrite(tenantOf(first), strangers, List.of(entry(strangers, now, 4))), // not the tenant's patient
        BatchInserts.entryWrite(tenantOf(second), second, secondStored.subList(0, 1)),
        BatchInserts.entryWrite(tenantOf(first), first, firstStored.subList(1, 2))); // the same patient again
    QuarkusTransaction.requiringNew().run(() -> {
      List<Optional<FigureReads.Written>> found = FigureReads.work(c -> PainEntries.insert(c, writes, now));
      assertEquals(4, found.size());
      assertTrue(found.get(1).isEmpty());
      assertEquals(0, PainEntry.count("patientId", strangers));
      assertTrendOfAll(first, firstStored.size(), found.get(0).orElseThrow().trend(), now, "first patient's first write");
      assertTrendOfAll(second, secondStored.size(), found.get(2).orElseThrow().trend(), now, "second patient");
      assertTrendOfAll(first, firstStored.size(), found.get(3).orElseThrow().trend(), now, "first patient's second write");
    });
  }

  /** About two entries a day over {@code days} days up to {@code now}, shuffled; past 8 days, more on the boundaries of the weeks and days. */
  private static List<PainEntry> history(UUID patient, Instant now, Random random, int days) {
    List<PainEntry> stored = new ArrayList<>();
    for (int i = 0; i < days * 2; i++) {
      stored.add(entry(patient, now.minus(Duration.ofMinutes(random.nextInt(days * 24 * 60 + 1))), random.nextInt(11)));
    }
    if (days > 8) { // on the boundaries of the weeks and of the days the latest week is summed by
      Instant first = stored.stream().map(e -> e.at).min(Instant::compareTo).orElseThrow();
      Instant weekAgo = now.minus(ProgressCalculator.WEEK);
      stored.add(entry(patient, first.plus(ProgressCalculator.WEEK), 9));
      stored.add(entry(patient, weekAgo, 8));
      stored.add(entry(patient, weekAgo.plus(1, ChronoUnit.MICROS), 2));
      stored.add(entry(patient, weekAgo.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)), 6));
      stored.add(entry(patient, now.truncatedTo(ChronoUnit.DAYS), 3));
      stored.add(entry(patient, now, 7));
      stored.add(entry(patient, now.plus(Duration.ofMinutes(2)), 1)); // a phone's clock a little ahead
    }
    Collections.shuffle(stored, random);
    return stored;
  }

  /** Within the write's transaction: the trend is what the figures computed from all the patient's entries give. */
  private static void assertTrendOfAll(UUID patient, int count, ProgressCalculator.Trend trend, Instant now, String what) {
    List<PainEntry> all = PainEntry.list("patientId", patient);
    assertEquals(count, all.size(), what);
    var summary = ProgressCalculator.compute(all, List.of(), null, null, now);
    assertEquals(summary.baseline(), trend.baseline(), "baseline, " + what);
    assertEquals(summary.latest(), trend.latest(), "latest, " + what);
    assertEquals(summary.change(), trend.change(), "change, " + what);
  }

  @Test
  void aWriteForAnotherTenantsPatientStoresNothing() {
    UUID patient = patient();
    QuarkusTransaction.requiringNew().run(() -> {
      assertTrue(insert("another-tenant", patient, List.of(entry(patient, Instant.now(), 5)), Instant.now()).isEmpty());
      assertEquals(0, PainEntry.count("patientId", patient));
    });
  }

  @Test
  void aWriteNamesTheTrendAlertsStillUnresolved() {
    UUID patient = patient();
    String tenant = tenantOf(patient);
    QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery("INSERT INTO alert (id, patient_id,"
        + " tenant, type, dedupe_key, status, detail, created_at, updated_at) VALUES"
        + " (gen_random_uuid(), ?1, ?2, 'worsening', 'worsening', 'open', 'x', now(), now()),"
        + " (gen_random_uuid(), ?1, ?2, 'no_improvement', 'no_improvement', 'resolved', 'x', now(), now())")
        .setParameter(1, patient).setParameter(2, tenant).executeUpdate());
    QuarkusTransaction.requiringNew().run(() -> assertEquals(Set.of("worsening"),
        insert(tenant, patient, List.of(entry(patient, Instant.now(), 5)), Instant.now()).orElseThrow().unresolved()));
  }

  @Test
  void eachWriteOfAGroupNamesItsOwnPatientsUnresolvedAlerts() {
    UUID alerted = patient();
    UUID calm = patient();
    QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery("INSERT INTO alert (id, patient_id,"
        + " tenant, type, dedupe_key, status, detail, created_at, updated_at) VALUES"
        + " (gen_random_uuid(), ?1, ?2, 'no_improvement', 'no_improvement', 'open', 'x', now(), now())")
        .setParameter(1, alerted).setParameter(2, tenantOf(alerted)).executeUpdate());
    List<BatchInserts.Write<PainEntry>> writes = List.of(
        BatchInserts.entryWrite(tenantOf(calm), calm, List.of(entry(calm, Instant.now(), 5))),
        BatchInserts.entryWrite(tenantOf(alerted), alerted, List.of(entry(alerted, Instant.now(), 5))),
        BatchInserts.entryWrite(tenantOf(calm), calm, List.of(entry(calm, Instant.now().minusSeconds(1), 4))));
    QuarkusTransaction.requiringNew().run(() -> assertEquals(List.of(Set.of(), Set.of("no_improvement"), Set.of()),
        FigureReads.work(c -> PainEntries.insert(c, writes, Instant.now())).stream().map(w -> w.orElseThrow().unresolved()).toList()));
  }

  @Test
  void groupStatementsRunOnTheirGenericPlanOnlyWithinTheirTransaction() {
    UUID patient = patient();
    String tenant = tenantOf(patient);
    Object backend = QuarkusTransaction.requiringNew().call(() -> {
      var em = Panache.getEntityManager();
      for (int i = 0; i < 8; i++) { // past the driver's 5 uses before it prepares on the server
        insert(tenant, patient, List.of(entry(patient, Instant.now().minusSeconds(i), 5)), Instant.now());
        List<BatchInserts.Write<ExerciseSession>> sessions = List.of(BatchInserts.sessionWrite(tenant, patient, List.of(session(patient, 3, 3))));
        FigureReads.work(c -> BatchInserts.sessions(c, sessions));
      }
      List<?> plans = em.createNativeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
          + " WHERE statement LIKE '%INSERT INTO pain_entry%' OR statement LIKE '%INSERT INTO exercise_session%'").getResultList();
      assertEquals(2, plans.size());
      for (Object row : plans) {
        Object[] counts = (Object[]) row;
        assertTrue(((Number) counts[0]).longValue() > 0, "generic plans");
        assertEquals(0L, ((Number) counts[1]).longValue(), "custom plans");
      }
      return em.createNativeQuery("SELECT pg_backend_pid()").getSingleResult();
    });
    QuarkusTransaction.requiringNew().run(() -> {
      var em = Panache.getEntityManager();
      assertEquals(backend, em.createNativeQuery("SELECT pg_backend_pid()").getSingleResult(), "the same connection");
      assertEquals("auto", em.createNativeQuery("SHOW plan_cache_mode").getSingleResult());
    });
  }

  /** One write alone. */
  private static Optional<FigureReads.Written> insert(String tenant, UUID patient, List<PainEntry> entries, Instant to) {
    return FigureReads.work(c -> PainEntries.insert(c, List.of(BatchInserts.entryWrite(tenant, patient, entries)), to)).get(0);
  }

  private static String tenantOf(UUID patient) {
    return QuarkusTransaction.requiringNew().call(() -> Patient.<Patient>findById(patient).tenant);
  }

  @Test
  void sessionsOfSeveralWritesAreStoredForTheTenantsPatientsOnly() {
    UUID first = patient();
    UUID stranger = patient();
    List<BatchInserts.Write<ExerciseSession>> writes = List.of(
        BatchInserts.sessionWrite(tenantOf(first), first, List.of(session(first, 3, null), session(first, 2, 6))),
        BatchInserts.sessionWrite(tenantOf(first), stranger, List.of(session(stranger, 4, 4))));
    QuarkusTransaction.requiringNew().run(() -> {
      assertEquals(List.of(true, false), FigureReads.work(c -> BatchInserts.sessions(c, writes)));
      assertEquals(0, ExerciseSession.count("patientId", stranger));
      List<ExerciseSession> stored = ExerciseSession.list("patientId = ?1 order by painBefore", first);
      assertEquals(List.of(2, 3), stored.stream().map(s -> s.painBefore).toList());
      assertEquals(writes.get(0).records().get(1).exercises, stored.get(0).exercises);
      assertEquals(6, stored.get(0).painAfter);
      assertEquals(null, stored.get(1).painAfter);
      assertEquals(ExerciseSession.Verification.verified, stored.get(1).verification);
    });
  }

  private static ExerciseSession session(UUID patient, Integer painBefore, Integer painAfter) {
    ExerciseSession s = new ExerciseSession();
    s.id = UUID.randomUUID();
    s.patientId = patient;
    s.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    s.routineId = "stability-routine";
    s.exercises = List.of(new ExerciseSession.ExerciseDone("clamshell", "left", 2, 10, null, painBefore + 1));
    s.painBefore = painBefore;
    s.painAfter = painAfter;
    s.verification = ExerciseSession.Verification.verified;
    s.createdAt = s.at;
    return s;
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
