package care.sij.adversarial.faults;

import care.sij.adversarial.RunningSuite;
import care.sij.launcher.Postgres;
import care.sij.launcher.Suite;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL crashes (no checkpoint, as a power cut of the database alone would) while eight clients
 * write pain entries, and comes back on the same port with the same data. Half the clients retry
 * with an Idempotency-Key until acknowledged, half send once without one.
 */
@Order(Order.DEFAULT + 2)
class DatabaseCrashTest {
  private static final int WRITERS = 8;
  private static final Duration WRITING = Duration.ofSeconds(25);
  private static final Duration CRASH_AFTER = Duration.ofSeconds(5);
  private static final Duration OUTAGE = Duration.ofSeconds(8);
  private static final Duration KEYED_GIVE_UP = Duration.ofSeconds(60);
  private static final Duration ANSWER_LIMIT = Duration.ofSeconds(5);
  private static final Duration READY_AGAIN_WITHIN = Duration.ofSeconds(30);

  /** One logical write: its marker (in note), its patient, its key if any, its body (the same on every retry). */
  record Write(String marker, String patientId, String key, String body) {
    boolean keyed() {
      return key != null;
    }
  }

  /** One try of a write: when it was sent and answered (nanoTime), status or -1 with the error. */
  record Attempt(long sentAt, long answeredAt, int status, String contentType, String retryAfter, String error) {
    Duration took() {
      return Duration.ofNanos(answeredAt - sentAt);
    }

    boolean problem() {
      return contentType.startsWith(Api.PROBLEM_JSON);
    }

    @Override
    public String toString() {
      return (status < 0 ? error : status + " " + contentType + (retryAfter == null ? " without Retry-After" : " Retry-After " + retryAfter))
          + " in " + took().toMillis() + " ms";
    }
  }

  record Outcome(Write write, boolean acknowledged, List<Attempt> attempts) {}

  record Probe(long sentAt, long answeredAt, int status, String body) {
    Duration took() {
      return Duration.ofNanos(answeredAt - sentAt);
    }
  }

  /** The outage as the test saw it (nanoTime): crash asked and done, restart asked and done. */
  record Outage(long crashBegin, long crashEnd, long restartBegin, long restartEnd) {
    boolean wholly(long sentAt, long answeredAt) {
      return sentAt >= crashEnd && answeredAt <= restartBegin;
    }

    boolean touches(long sentAt, long answeredAt) {
      return answeredAt >= crashBegin && sentAt <= restartEnd;
    }
  }

  @Test
  void aCrashUnderConcurrentWritersIsAnswered503FastAndLosesOrDuplicatesNothingAcknowledged() throws Exception {
    Api.awaitWholeSuite("the database crash");
    String token = RunningSuite.token(Api.freshTenant("crash"));
    List<String> patients = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      patients.add(Api.createPatient(token, "crash-" + i));
    }
    Suite.Started progress = RunningSuite.get().service("progress");
    Postgres database = RunningSuite.database();

    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    List<Probe> probes = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean probing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    long start = System.nanoTime();
    long writeUntil = start + WRITING.toNanos();
    List<Future<?>> writers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      int writer = i;
      writers.add(pool.submit(() -> write(writer, token, patients.get(writer), writer % 2 == 0, writeUntil, outcomes)));
    }
    Future<?> prober = pool.submit(() -> probeReadiness(progress.managementUrl(), probing, probes));

    Outage outage;
    try {
      Thread.sleep(CRASH_AFTER.toMillis()); // the fault comes at a set moment of the load
      long crashBegin = System.nanoTime();
      database.crash();
      long crashEnd = System.nanoTime();
      Thread.sleep(OUTAGE.toMillis());
      long restartBegin = System.nanoTime();
      database.restart();
      outage = new Outage(crashBegin, crashEnd, restartBegin, System.nanoTime());
      for (Future<?> writer : writers) {
        writer.get(WRITING.plus(KEYED_GIVE_UP).plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      probing.set(false);
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);
      pool.shutdownNow();
    }
    prober.get();

    Findings findings = new Findings();
    long readyAgain = awaitReadyAgain(progress, outage, probes, findings);
    findings.check(progress.process().isAlive() && RunningSuite.get().service("progress").pid() == progress.pid(),
        "progress-service did not live through the outage (it must recover without a restart)");

    // every answer, from the first write to the last
    List<Attempt> attempts = outcomes.stream().flatMap(o -> o.attempts().stream()).toList();
    Map<String, Integer> statuses = new TreeMap<>();
    long longestInOutage = 0;
    for (Attempt a : attempts) {
      statuses.merge(a.status() < 0 ? a.error().replaceAll(":.*", "") : Integer.toString(a.status()), 1, Integer::sum);
      findings.check(a.status() != 500, "answered 500", a::toString);
      findings.check(a.status() < 500 || a.status() == 503 || a.status() == 500, "answered a 5xx other than 503", a::toString);
      findings.check(a.status() != 503 || (a.problem() && a.retryAfter() != null),
          "a 503 without problem+json or without Retry-After", a::toString);
      findings.check(a.error() == null || !a.error().startsWith("connection"), "a connection error from a service that stayed up", a::toString);
      findings.check(a.status() < 0 || a.status() / 100 == 2 || a.status() == 503 || a.status() == 500,
          "answered neither 2xx nor 503 (nor 500, counted above)", a::toString);
      if (outage.wholly(a.sentAt(), a.answeredAt())) {
        findings.check(a.status() == 503, "during the outage, an answer other than 503", a::toString);
      }
      if (outage.touches(a.sentAt(), a.answeredAt())) {
        longestInOutage = Math.max(longestInOutage, a.took().toMillis());
        findings.check(a.took().compareTo(ANSWER_LIMIT) <= 0, "during the outage, an answer slower than " + ANSWER_LIMIT.toSeconds() + " s (a hang)", a::toString);
      }
    }
    List<Probe> duringOutage = probes.stream().filter(p -> outage.wholly(p.sentAt(), p.answeredAt())).toList();
    findings.check(!duringOutage.isEmpty(), "no readiness answer came while the database was down");
    for (Probe p : duringOutage) {
      findings.check(p.status() == 503 && p.body().contains("DOWN"), "readiness not 503 DOWN during the outage",
          () -> p.status() + " " + p.body());
    }
    for (Probe p : probes) {
      findings.check(p.took().compareTo(ANSWER_LIMIT) <= 0, "readiness answered slower than " + ANSWER_LIMIT.toSeconds() + " s",
          () -> p.status() + " in " + p.took().toMillis() + " ms");
    }

    // what the API gives back afterwards, whether or not the service recovered
    Map<String, Integer> stored = new HashMap<>();
    int entries = 0;
    int pagingRepeats = 0;
    boolean readBack = true;
    try {
      for (String patient : patients) {
        Set<String> ids = new HashSet<>();
        for (JsonNode entry : Api.readAll("/v1/patients/" + patient + "/pain-entries", token)) {
          if (!ids.add(entry.path("id").asText())) {
            pagingRepeats++;
            continue;
          }
          entries++;
          stored.merge(entry.path("note").asText(), 1, Integer::sum);
        }
      }
    } catch (IOException | AssertionError e) {
      readBack = false;
      findings.check(false, "the entries could not be read back", e::toString);
    }
    findings.check(pagingRepeats == 0, "an entry listed twice while paging");

    int acknowledged = 0;
    int keyed = 0;
    int keyedUnacknowledged = 0;
    int keyedNotStored = 0;
    int unacknowledgedStored = 0;
    int lost = 0;
    int duplicated = 0;
    int retries = 0;
    for (Outcome o : outcomes) {
      int copies = stored.getOrDefault(o.write().marker(), 0);
      retries += o.attempts().size() - 1;
      if (o.acknowledged()) {
        acknowledged++;
      } else if (copies > 0) {
        unacknowledgedStored++;
      }
      if (o.write().keyed()) {
        keyed++;
        if (!o.acknowledged()) {
          keyedUnacknowledged++;
          findings.check(false, "a keyed write never acknowledged (its retries ended on a non-retryable answer or after "
              + KEYED_GIVE_UP.toSeconds() + " s)", () -> o.write().marker() + " " + o.attempts());
        }
        if (readBack && copies == 0) {
          keyedNotStored++;
        }
      }
      if (readBack && o.acknowledged() && copies == 0) {
        lost++;
        findings.check(false, "an acknowledged write is not stored", () -> o.write().marker() + " " + o.attempts());
      }
      if (copies > 1) {
        duplicated++;
        findings.check(false, "a write stored more than once", () -> o.write().marker() + " x" + copies + " " + o.attempts());
      }
    }
    findings.check(!readBack || keyedNotStored == 0, "keyed writes not stored (a keyed write must end stored exactly once)");

    var figures = FaultsSummary.figures();
    figures.put("logical writes", outcomes.size() + " (" + keyed + " with an Idempotency-Key)");
    figures.put("acknowledged", acknowledged);
    figures.put("stored (distinct writes found)", readBack ? stored.size() : "not read back");
    figures.put("entries listed", entries);
    figures.put("unacknowledged but stored", unacknowledgedStored);
    figures.put("lost (acknowledged, not stored)", lost);
    figures.put("keyed writes never acknowledged", keyedUnacknowledged);
    figures.put("keyed writes not stored", readBack ? keyedNotStored : "not read back");
    figures.put("duplicated", duplicated);
    figures.put("retries of keyed writes", retries);
    figures.put("503s seen", statuses.getOrDefault("503", 0));
    figures.put("500s seen", statuses.getOrDefault("500", 0));
    figures.put("answers by status", statuses);
    figures.put("longest answer during the outage", longestInOutage + " ms");
    figures.put("outage (crash to restart done)", millis(outage.restartEnd() - outage.crashBegin()));
    figures.put("readiness answers during the outage", duringOutage.size() + ", of which 503: "
        + duringOutage.stream().filter(p -> p.status() == 503).count());
    figures.put("ready again after the restart", readyAgain < 0 ? "not within " + READY_AGAIN_WITHIN.toSeconds() + " s" : millis(readyAgain - outage.restartEnd()));
    figures.put("findings", findings.summary());
    FaultsSummary.section("Database crash under concurrent writers", figures);
    findings.assertNone();
  }

  private static String millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }

  private static void write(int writer, String token, String patientId, boolean keyed, long until, ConcurrentLinkedQueue<Outcome> outcomes) {
    try {
      for (int seq = 0; System.nanoTime() < until; seq++) {
        String marker = "crash-w" + writer + "-" + seq + "-" + UUID.randomUUID();
        String body = Api.JSON.writeValueAsString(Map.of("at", Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString(),
            "score", seq % 11, "context", "morning", "note", marker));
        Write w = new Write(marker, patientId, keyed ? UUID.randomUUID().toString() : null, body);
        outcomes.add(keyed ? writeUntilAcknowledged(token, w) : writeOnce(token, w));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Without a key a client cannot retry safely: one try, acknowledged or not. */
  private static Outcome writeOnce(String token, Write w) throws InterruptedException {
    Attempt a = attempt(token, w);
    if (a.status() != 201) {
      pause(a);
    }
    return new Outcome(w, a.status() == 201, List.of(a));
  }

  /** With a key, the same key and body again after a 503, a timeout or a connection error, until 2xx. */
  private static Outcome writeUntilAcknowledged(String token, Write w) throws InterruptedException {
    List<Attempt> attempts = new ArrayList<>();
    long giveUp = System.nanoTime() + KEYED_GIVE_UP.toNanos();
    while (true) {
      Attempt a = attempt(token, w);
      attempts.add(a);
      if (a.status() / 100 == 2) {
        return new Outcome(w, true, attempts);
      }
      if ((a.status() != 503 && a.status() >= 0) || System.nanoTime() > giveUp) {
        return new Outcome(w, false, attempts);
      }
      pause(a);
    }
  }

  /** What a polite client waits before its next write: Retry-After, capped so that the test stays short. */
  private static void pause(Attempt a) throws InterruptedException {
    long millis = 200;
    if (a.retryAfter() != null) {
      try {
        millis = Math.min(1000, Math.max(100, Long.parseLong(a.retryAfter().trim()) * 1000));
      } catch (NumberFormatException e) {
        // an HTTP date: keep the default
      }
    }
    Thread.sleep(millis);
  }

  private static Attempt attempt(String token, Write w) throws InterruptedException {
    HttpRequest.Builder request = Api.request("progress", "/v1/patients/" + w.patientId() + "/pain-entries", token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(w.body()));
    if (w.keyed()) {
      request.header("Idempotency-Key", w.key());
    }
    long sent = System.nanoTime();
    try {
      Api.Answer answer = Api.send(request.build());
      return new Attempt(sent, System.nanoTime(), answer.status(), answer.contentType(), answer.retryAfter().orElse(null), null);
    } catch (HttpTimeoutException e) {
      return new Attempt(sent, System.nanoTime(), -1, "", null, "timeout");
    } catch (IOException e) {
      return new Attempt(sent, System.nanoTime(), -1, "", null, "connection: " + e);
    }
  }

  private static void probeReadiness(String managementUrl, AtomicBoolean probing, List<Probe> probes) {
    HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl + "/q/health/ready")).timeout(Duration.ofSeconds(10)).build();
    try {
      while (probing.get()) {
        long sent = System.nanoTime();
        try {
          Api.Answer answer = Api.send(ready);
          probes.add(new Probe(sent, System.nanoTime(), answer.status(), answer.body()));
        } catch (IOException e) {
          probes.add(new Probe(sent, System.nanoTime(), -1, e.toString()));
        }
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** When progress-service first answered ready after the restart (nanoTime), polling on if needed; -1 if not in time. */
  private static long awaitReadyAgain(Suite.Started progress, Outage outage, List<Probe> probes, Findings findings)
      throws InterruptedException {
    synchronized (probes) {
      for (Probe p : probes) {
        if (p.sentAt() >= outage.restartEnd() && p.status() == 200) {
          return p.answeredAt();
        }
      }
    }
    long deadline = outage.restartEnd() + READY_AGAIN_WITHIN.toNanos();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(progress.managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        Api.Answer answer = Api.send(ready);
        if (answer.status() == 200) {
          return System.nanoTime();
        }
        last = answer.toString();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    String seen = last;
    findings.check(false, "readiness not 200 within " + READY_AGAIN_WITHIN.toSeconds() + " s of the database's restart", () -> seen);
    return -1;
  }
}
