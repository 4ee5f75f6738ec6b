package care.sij.launcher;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy in front of the replicas of each service: one frontend on the service's public port, one
 * backend of its replicas, each checked on its management port's readiness probe. A request is sent
 * again to another replica only when no connection could be made to the first (nothing reached it);
 * one that reached a replica that then died is answered 502 and left to the client's retry with its
 * Idempotency-Key, since the write may have committed.
 */
final class LoadBalancer implements AutoCloseable {
  /** The command that installs it where it is missing (Debian and Ubuntu). */
  static final String INSTALL = "apt-get install -y haproxy";

  /** One replica: its API and management ports. */
  record Replica(int port, int managementPort) {}

  /** A service's public port and its replicas. */
  record Frontend(String service, int port, List<Replica> replicas) {}

  private final Process process;

  private LoadBalancer(Process process) {
    this.process = process;
  }

  /** The haproxy executable on the PATH or in /usr/sbin (where Debian's package puts it). */
  static Optional<Path> executable() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : (path + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/local/sbin").split(File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "haproxy"))) {
        return Optional.of(Path.of(dir, "haproxy"));
      }
    }
    return Optional.empty();
  }

  static Path requireExecutable() {
    return executable().orElseThrow(() -> new IllegalStateException(
        "replicas run behind HAProxy, which is not installed: " + INSTALL));
  }

  /**
   * The configuration: frontends bound to {@code host}, replicas reached at {@code reachable}; checks
   * every second, a replica out after two failed checks and back after two good ones.
   */
  static String config(String host, String reachable, List<Frontend> frontends) {
    StringBuilder cfg = new StringBuilder();
    cfg.append("""
        global
          maxconn 4096

        defaults
          mode http
          timeout connect 2s
          timeout client 60s
          timeout server 60s
          timeout http-request 10s
          timeout queue 10s
          # a connection that could not be made is made again, to another replica: the request never left HAProxy
          retries 3
          retry-on conn-failure
          option redispatch 1
          option httpchk GET /q/health/ready
          http-check expect status 200
          default-server inter 1s fall 2 rise 2

        """);
    for (Frontend f : frontends) {
      String bind = host.contains(":") ? "[" + host + "]" : host;
      cfg.append("frontend ").append(f.service()).append('\n')
          .append("  bind ").append(bind).append(':').append(f.port()).append('\n')
          .append("  default_backend ").append(f.service()).append("-replicas\n\n")
          .append("backend ").append(f.service()).append("-replicas\n")
          .append("  balance roundrobin\n");
      int n = 1;
      for (Replica r : f.replicas()) {
        cfg.append("  server ").append(f.service()).append('-').append(n++).append(' ').append(reachable).append(':').append(r.port())
            .append(" check port ").append(r.managementPort()).append('\n');
      }
      cfg.append('\n');
    }
    return cfg.toString();
  }

  /** Writes the configuration, has HAProxy check it, starts it, and waits until every frontend accepts connections. */
  static LoadBalancer start(Path workDir, String host, String reachable, List<Frontend> frontends) throws IOException, InterruptedException {
    Path haproxy = requireExecutable();
    Path cfg = workDir.resolve("haproxy.cfg");
    Files.writeString(cfg, config(host, reachable, frontends));
    Path log = Files.createDirectories(workDir.resolve("logs")).resolve("haproxy.log");
    Process check = new ProcessBuilder(haproxy.toString(), "-c", "-q", "-f", cfg.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
      throw new IllegalStateException("HAProxy refused " + cfg + ": " + Files.readString(log).strip());
    }
    // -db: in the foreground, so that this process is HAProxy's and stopping it stops HAProxy
    Process process = new ProcessBuilder(haproxy.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    LoadBalancer started = new LoadBalancer(process);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (Frontend f : frontends) {
      while (!accepts(reachable, f.port())) {
        if (!process.isAlive()) {
          throw new IllegalStateException("HAProxy exited with " + process.exitValue() + ": " + Files.readString(log).strip());
        }
        if (System.nanoTime() > deadline) {
          started.close();
          throw new IllegalStateException("HAProxy did not listen on port " + f.port() + " within 30 s; see " + log);
        }
        Thread.sleep(50);
      }
    }
    return started;
  }

  private static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host.replace("[", "").replace("]", ""), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
