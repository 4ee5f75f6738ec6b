package care.sij.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HAProxy as the launcher configures it, in front of stand-in replicas: what it sends again and what it never does. */
class LoadBalancerTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path work;
  private HttpServer ready;
  private HttpServer live;
  private final AtomicInteger liveRequests = new AtomicInteger();
  private ServerSocket dying;
  private final AtomicInteger dyingRequests = new AtomicInteger();
  private LoadBalancer balancer;

  @BeforeEach
  void standIns() throws IOException {
    LoadBalancer.requireExecutable(); // CI installs it (.ci/run); a machine without it fails here, saying how to install it
    ready = HttpServer.create(new InetSocketAddress(Suite.LOOPBACK, 0), 0);
    ready.createContext("/q/health/ready", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    ready.start();
    live = HttpServer.create(new InetSocketAddress(Suite.LOOPBACK, 0), 0);
    live.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      liveRequests.incrementAndGet();
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    live.start();
    // takes the whole request, then dies without a word: as a replica killed while it wrote
    dying = new ServerSocket(0, 50, java.net.InetAddress.getByName(Suite.LOOPBACK));
    Thread acceptor = new Thread(() -> {
      while (!dying.isClosed()) {
        try (Socket s = dying.accept()) {
          InputStream in = s.getInputStream();
          String request = "";
          byte[] buffer = new byte[4096];
          while (!request.endsWith("{}")) {
            int n = in.read(buffer);
            if (n < 0) {
              break;
            }
            request += new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
          }
          dyingRequests.incrementAndGet();
        } catch (IOException closed) {
          // stopped
        }
      }
    }, "dying-replica");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (balancer != null) {
      balancer.close();
    }
    ready.stop(0);
    live.stop(0);
    dying.close();
  }

  @Test
  void aRequestThatFindsNoReplicaListeningGoesToAnotherOne() throws Exception {
    int nothingListens = freePort();
    int frontend = freePort();
    balancer = LoadBalancer.start(work, Suite.LOOPBACK, Suite.LOOPBACK, List.of(new LoadBalancer.Frontend("svc", frontend, List.of(
        new LoadBalancer.Replica(nothingListens, ready.getAddress().getPort()),
        new LoadBalancer.Replica(live.getAddress().getPort(), ready.getAddress().getPort())))));
    for (int i = 0; i < 10; i++) {
      assertEquals(201, post(frontend), "request " + i);
    }
    assertEquals(10, liveRequests.get());
  }

  @Test
  void aWriteThatReachedAReplicaWhichThenDiedIsAnswered502AndNeverSentAgain() throws Exception {
    int frontend = freePort();
    balancer = LoadBalancer.start(work, Suite.LOOPBACK, Suite.LOOPBACK, List.of(new LoadBalancer.Frontend("svc", frontend, List.of(
        new LoadBalancer.Replica(dying.getLocalPort(), ready.getAddress().getPort()),
        new LoadBalancer.Replica(live.getAddress().getPort(), ready.getAddress().getPort())))));
    int dyingBefore = dyingRequests.get();
    int statusOfTheOneThatDied = 0;
    for (int i = 0; i < 4 && statusOfTheOneThatDied == 0; i++) { // round robin: one of the first two reaches the dying one
      int status = post(frontend);
      if (dyingRequests.get() > dyingBefore) {
        statusOfTheOneThatDied = status;
      }
    }
    Thread.sleep(500); // a request sent again would arrive by now
    assertEquals(502, statusOfTheOneThatDied);
    assertEquals(dyingBefore + 1, dyingRequests.get(), "the dying replica saw the write once: HAProxy did not send it again");
    assertTrue(liveRequests.get() <= 3, "nor did it send that write to the other replica: " + liveRequests.get());
  }

  @Test
  void theConfigurationChecksReadinessOnTheManagementPortAndRetriesConnectionFailuresOnly() {
    String cfg = LoadBalancer.config("0.0.0.0", "localhost", List.of(new LoadBalancer.Frontend("catalog", 8081,
        List.of(new LoadBalancer.Replica(8181, 8191), new LoadBalancer.Replica(8281, 8291)))));
    assertTrue(cfg.contains("bind 0.0.0.0:8081"), cfg);
    assertTrue(cfg.contains("server catalog-1 localhost:8181 check port 8191"), cfg);
    assertTrue(cfg.contains("server catalog-2 localhost:8281 check port 8291"), cfg);
    assertTrue(cfg.contains("option httpchk GET /q/health/ready"), cfg);
    assertTrue(cfg.contains("retry-on conn-failure\n"), cfg);
  }

  private static int post(int port) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + Suite.LOOPBACK + ":" + port + "/v1/things")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
