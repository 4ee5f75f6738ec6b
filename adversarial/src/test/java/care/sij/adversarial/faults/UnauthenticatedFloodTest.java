package care.sij.adversarial.faults;

import care.sij.adversarial.RunningSuite;
import care.sij.launcher.Suite;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Clients without a token declare a large upload to progress-service and stall after its first byte:
 * each must be refused before its body is read, without starving callers that are allowed in.
 */
@Order(Order.DEFAULT + 3)
class UnauthenticatedFloodTest {
  private static final int CONNECTIONS = 1000;
  private static final int DECLARED = 1024 * 1024;
  private static final Duration READ_LIMIT = Duration.ofSeconds(1);

  @Test
  void aThousandStalledUnauthenticatedUploadsAreRefusedWithoutStarvingAnAuthenticatedRead() throws Exception {
    Api.awaitWholeSuite("the unauthenticated flood");
    Suite.Started progress = RunningSuite.get().service("progress");
    String token = RunningSuite.token(Api.freshTenant("flood"));
    Api.createPatient(token, "flood");
    LogMark logFrom = LogMark.now("progress"); // what this test did, not an earlier one
    Findings findings = new Findings();
    List<Long> readMillis = new ArrayList<>();
    List<Socket> flood = new ArrayList<>();
    int refusedAtConnect = 0;
    Map<String, Integer> heard = new TreeMap<>();
    long opening = System.nanoTime();
    long opened;
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        Socket socket = new Socket();
        try {
          socket.connect(new InetSocketAddress(progress.host(), progress.port()), 2000);
          OutputStream out = socket.getOutputStream();
          out.write((RawHttp.postHead("/v1/patients/" + UUID.randomUUID() + "/pain-entries", progress.port(), null, DECLARED) + "{")
              .getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          flood.add(socket);
        } catch (IOException e) {
          refusedAtConnect++;
          socket.close();
        }
        if (i % 200 == 199 && !starved(readMillis)) {
          readMillis.add(authenticatedRead(token, findings));
        }
      }
      opened = System.nanoTime();
      for (int i = 0; i < 10 && !starved(readMillis); i++) {
        readMillis.add(authenticatedRead(token, findings));
        Thread.sleep(200); // spread the reads over the flood's lifetime
      }
      for (Socket socket : flood) {
        RawHttp.Heard answer = RawHttp.listen(socket, 5);
        String kind = answer.silent() ? "silent (neither answered nor closed)"
            : answer.status() < 0 ? "closed without an answer"
            : answer.status() + (answer.problem() ? " problem+json" : " not problem+json");
        heard.merge(kind, 1, Integer::sum);
        findings.check(!answer.silent(), "a stalled unauthenticated upload neither answered nor closed");
        findings.check(answer.status() < 0 || (answer.status() == 401 && answer.problem()),
            "a stalled unauthenticated upload answered other than 401 problem+json", answer::firstLine);
      }
    } finally {
      for (Socket socket : flood) {
        socket.close();
      }
    }
    findings.check(refusedAtConnect == 0, "connections refused while opening the flood");
    long after = authenticatedRead(token, findings);
    findings.check(progress.process().isAlive(), "progress-service died under the flood");
    Optional<String> outOfMemory = logFrom.firstLineWith("OutOfMemoryError");
    findings.check(outOfMemory.isEmpty(), "OutOfMemoryError in progress-service's log", () -> outOfMemory.orElse(""));

    long[] sorted = readMillis.stream().mapToLong(Long::longValue).sorted().toArray();
    var figures = FaultsSummary.figures();
    figures.put("flood connections held", flood.size() + " of " + CONNECTIONS + " (refused at connect: " + refusedAtConnect + ")");
    figures.put("time to open them (with a read every 200)", Duration.ofNanos(opened - opening).toMillis() + " ms");
    figures.put("authenticated reads during the flood", sorted.length + ", median " + sorted[sorted.length / 2] + " ms, longest "
        + sorted[sorted.length - 1] + " ms: " + Arrays.toString(readMillis.toArray()));
    figures.put("authenticated read after the flood", after + " ms");
    figures.put("what the flood connections heard", heard);
    figures.put("progress-service alive", progress.process().isAlive());
    figures.put("OutOfMemoryError in its log during the flood", outOfMemory.isPresent());
    figures.put("findings", findings.summary());
    FaultsSummary.section("Unauthenticated flood of stalled uploads", figures);
    findings.assertNone();
  }

  @Test
  void aDeclaredBodyOverOneMebibyteWithAValidTokenIsRefused413() throws Exception {
    Api.awaitWholeSuite("the oversized declared body");
    Suite.Started progress = RunningSuite.get().service("progress");
    String token = RunningSuite.token(Api.freshTenant("oversize"));
    String patient = Api.createPatient(token, "oversize");
    Findings findings = new Findings();
    int length = DECLARED + 1;
    RawHttp.Heard answer;
    long took;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(progress.host(), progress.port()), 2000);
      OutputStream out = socket.getOutputStream();
      out.write(RawHttp.postHead("/v1/patients/" + patient + "/pain-entries", progress.port(), token, length)
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      long sent = System.nanoTime();
      // the body follows as a client would send it; a server that refuses early may close before it is all written
      CompletableFuture<Void> body = CompletableFuture.runAsync(() -> {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        try {
          for (int written = 0; written < length; written += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, length - written));
          }
          out.flush();
        } catch (IOException refusedEarly) {
          // expected when the server answers before the body is in
        }
      });
      answer = RawHttp.listen(socket, 10_000);
      took = Duration.ofNanos(System.nanoTime() - sent).toMillis();
      socket.close();
      body.exceptionally(e -> null).join();
    }
    RawHttp.Heard seen = answer;
    findings.check(answer.status() == 413 && answer.problem(), "a declared body of 1 MiB + 1 byte not refused 413 problem+json",
        () -> seen.silent() ? "nothing within 10 s" : seen.closed() && seen.head().isEmpty() ? "closed without an answer" : seen.head());

    var figures = FaultsSummary.figures();
    figures.put("answer", answer.silent() ? "nothing within 10 s" : answer.head().isEmpty() ? "closed without an answer" : answer.firstLine()
        + (answer.problem() ? ", problem+json" : ", not problem+json"));
    figures.put("took", took + " ms");
    figures.put("findings", findings.summary());
    FaultsSummary.section("A declared body over 1 MiB with a valid token", figures);
    findings.assertNone();
  }

  /** Three failed reads in a row say enough; more would only wait out their timeouts. */
  private static boolean starved(List<Long> readMillis) {
    int n = readMillis.size();
    return n >= 3 && readMillis.subList(n - 3, n).stream().allMatch(ms -> ms < 0);
  }

  /** One authenticated GET /v1/patients on a connection of its own; its time in ms. */
  private static long authenticatedRead(String token, Findings findings) throws InterruptedException {
    try {
      Api.Answer answer = Api.send(Api.request("progress", "/v1/patients?limit=10", token).timeout(Duration.ofSeconds(3)).GET().build());
      findings.check(answer.status() == 200, "an authenticated read not answered 200 during the flood", answer::toString);
      findings.check(answer.took().compareTo(READ_LIMIT) <= 0, "an authenticated read slower than " + READ_LIMIT.toMillis() + " ms during the flood",
          answer::toString);
      return answer.took().toMillis();
    } catch (IOException e) {
      findings.check(false, "an authenticated read failed during the flood", e::toString);
      return -1;
    }
  }
}
