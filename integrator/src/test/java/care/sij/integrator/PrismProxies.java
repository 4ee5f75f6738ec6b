package care.sij.integrator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prism's validating proxy in front of each service: it passes every request on and marks each
 * response that breaks the service's committed contract with an sl-violations header (as it does
 * requests that break it). Started with npx, which fetches the pinned Prism on its first use.
 */
final class PrismProxies implements AutoCloseable {
  static final String PRISM = "@stoplight/prism-cli@5.16.0";
  /** npx may first fetch Prism and its dependencies. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  private final List<Process> processes = new ArrayList<>();
  private final Map<String, String> baseUrls = new LinkedHashMap<>();

  /** Whether Prism can be started here: npx on the PATH. */
  static boolean npxAvailable() {
    return npx().isPresent();
  }

  private static Optional<Path> npx() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "npx");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * One proxy per service, each validating against contracts/&lt;service&gt;-service.yaml and passing on
   * to the service's base URL; it listens on the service's port plus the offset.
   */
  static PrismProxies start(Path root, Map<String, String> services, int portOffset, Path logs) throws IOException, InterruptedException {
    Path npx = npx().orElseThrow(() -> new IllegalStateException("npx is not on the PATH"));
    Files.createDirectories(logs);
    PrismProxies proxies = new PrismProxies();
    try {
      for (Map.Entry<String, String> service : services.entrySet()) {
        String upstream = service.getValue();
        int port = java.net.URI.create(upstream).getPort() + portOffset;
        Path contract = root.resolve("contracts/" + service.getKey() + "-service.yaml");
        ProcessBuilder builder = new ProcessBuilder(npx.toString(), "--yes", PRISM, "proxy", contract.toString(), upstream,
            "--host", "127.0.0.1", "--port", String.valueOf(port))
            .redirectErrorStream(true).redirectOutput(logs.resolve(service.getKey() + ".log").toFile());
        proxies.processes.add(builder.start());
        proxies.baseUrls.put(service.getKey(), "http://127.0.0.1:" + port);
      }
      proxies.awaitListening(logs);
      return proxies;
    } catch (IOException | InterruptedException | RuntimeException e) {
      proxies.close();
      throw e;
    }
  }

  /** Each proxy's base URL, by service name. */
  Map<String, String> baseUrls() {
    return Map.copyOf(baseUrls);
  }

  private void awaitListening(Path logs) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    List<String> services = new ArrayList<>(baseUrls.keySet());
    for (int i = 0; i < services.size(); i++) {
      String service = services.get(i);
      java.net.URI uri = java.net.URI.create(baseUrls.get(service));
      while (!accepts(uri.getHost(), uri.getPort())) {
        Process process = processes.get(i);
        if (!process.isAlive()) {
          throw new IllegalStateException("Prism for " + service + " exited with " + process.exitValue() + ": " + tail(logs.resolve(service + ".log")));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Prism for " + service + " did not listen within " + START_TIMEOUT.toSeconds() + " s: "
              + tail(logs.resolve(service + ".log")));
        }
        Thread.sleep(250);
      }
    }
  }

  private static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log).strip();
      return text.substring(Math.max(0, text.length() - 1500));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops each npx and the Prism it started (SIGTERM, then SIGKILL). */
  @Override
  public void close() {
    for (Process process : processes) {
      List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
      tree.forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
  }
}
