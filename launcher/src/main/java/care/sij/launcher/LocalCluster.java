package care.sij.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of our own, made with the server binaries found on this machine. PostgreSQL
 * refuses to run as root, so under root every server command runs as an unprivileged user.
 */
final class LocalCluster implements Postgres {
  static final String DATABASE = "sijcare";
  private static final String SUPERUSER = "postgres";
  private static final String SUPERUSER_PASSWORD = "sij-local-admin";
  private static final int PREFERRED_PORT = 55432;

  private final Path bin;
  private final Path dataDir;
  private final String osUser;
  private final int port;
  private final boolean keep;
  private final boolean durable;

  private LocalCluster(Path bin, Path dataDir, String osUser, int port, boolean keep, boolean durable) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.osUser = osUser;
    this.port = port;
    this.keep = keep;
    this.durable = durable;
  }

  /**
   * Starts (creating it first if needed) the cluster in dataDir; empty when no binaries are found.
   * Not durable: fsync and full-page writes off, for throwaway clusters of tests only.
   */
  static Optional<Postgres> start(Path dir, boolean keep, boolean durable) {
    Optional<Path> bin = findBinaries();
    if (bin.isEmpty()) {
      return Optional.empty();
    }
    Path dataDir = dir.toAbsolutePath().normalize();
    String osUser = isRoot() ? unprivilegedUser() : null;
    try {
      boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
      if (fresh) {
        init(bin.get(), dataDir, osUser);
      }
      Path portFile = dataDir.resolve("sij-port");
      LocalCluster cluster;
      if (!fresh && Files.exists(portFile) && isRunning(bin.get(), dataDir, osUser)) {
        cluster = new LocalCluster(bin.get(), dataDir, osUser, Integer.parseInt(Files.readString(portFile).trim()), keep, durable);
      } else {
        int port = keep && isFree(PREFERRED_PORT) ? PREFERRED_PORT : freePort();
        cluster = new LocalCluster(bin.get(), dataDir, osUser, port, keep, durable);
        cluster.startServer();
        Files.writeString(portFile, Integer.toString(port));
      }
      cluster.createDatabase();
      if (!keep) {
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "postgres-cleanup"));
      }
      return Optional.of(cluster);
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("could not start PostgreSQL from " + bin.get() + " in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Admin admin() {
    return new Admin("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, SUPERUSER, SUPERUSER_PASSWORD);
  }

  @Override
  public String describe() {
    return "PostgreSQL cluster in " + dataDir + " on port " + port + " (binaries from " + bin + ")";
  }

  @Override
  public synchronized void close() {
    if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
      return;
    }
    run(bin, osUser, List.of("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
    if (!keep) {
      Directories.deleteRecursively(dataDir);
    }
  }

  @Override
  public synchronized void crash() {
    run(bin, osUser, List.of("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
  }

  @Override
  public synchronized void restart() {
    startServer();
  }

  private static void init(Path bin, Path dataDir, String osUser) throws IOException {
    Directories.deleteRecursively(dataDir);
    Files.createDirectories(dataDir);
    Path pwFile = Files.createTempFile(dataDir.getParent(), "pg", ".pw");
    try {
      Files.writeString(pwFile, SUPERUSER_PASSWORD + "\n");
      if (osUser != null) {
        chown(osUser, dataDir);
        chown(osUser, pwFile);
      }
      run(bin, osUser, List.of("initdb", "-D", dataDir.toString(), "-U", SUPERUSER, "--pwfile=" + pwFile,
          "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"));
    } finally {
      Files.deleteIfExists(pwFile);
    }
  }

  private void startServer() {
    // Loopback only, no Unix socket (its path length is limited). A commit is acknowledged once its WAL is
    // written (synchronous_commit), so a crash of the server loses nothing acknowledged; a cluster for
    // tests alone skips fsync and full-page writes, which only an operating-system crash would need.
    String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        + " -c synchronous_commit=on -c max_connections=200"
        + (durable ? " -c fsync=on -c full_page_writes=on" : " -c fsync=off -c full_page_writes=off");
    run(bin, osUser, List.of("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(),
        "-o", options, "-w", "-t", "60", "start"));
  }

  private void createDatabase() throws SQLException {
    Admin bootstrap = new Admin("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, SUPERUSER_PASSWORD);
    try (Connection c = bootstrap.connect(); var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      if (!exists.executeQuery().next()) {
        c.createStatement().execute("CREATE DATABASE " + DATABASE);
      }
    }
  }

  private static boolean isRunning(Path bin, Path dataDir, String osUser) {
    return exec(bin, osUser, List.of("pg_ctl", "-D", dataDir.toString(), "status")).exitCode == 0;
  }

  /**
   * The system's binaries (PATH, then /usr/lib/postgresql), else those that came by Maven coordinates;
   * SIJ_PG_BINARIES=fetched (or -Dsij.pg.binaries=fetched) takes the latter even where the former exist.
   */
  static Optional<Path> findBinaries() {
    boolean fetched = "fetched".equals(System.getProperty("sij.pg.binaries", System.getenv("SIJ_PG_BINARIES")));
    Optional<Path> system = fetched ? Optional.empty() : systemBinaries();
    return system.isPresent() ? system : FetchedBinaries.bin();
  }

  private static Optional<Path> systemBinaries() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
        return Optional.of(Path.of(dir));
      }
    }
    Path installed = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(installed)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(installed)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(b -> versionOf(b.getParent())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString().replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  private static String unprivilegedUser() {
    for (String candidate : List.of("postgres", "nobody")) {
      if (exec(null, null, List.of("id", "-u", candidate)).exitCode == 0) {
        return candidate;
      }
    }
    throw new IllegalStateException("running as root, and neither the user 'postgres' nor 'nobody' exists to run PostgreSQL as");
  }

  private static void chown(String user, Path path) {
    run(null, null, List.of("chown", "-R", user, path.toString()));
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on loopback", e);
    }
  }

  private record Result(int exitCode, String output) {}

  private static void run(Path bin, String osUser, List<String> command) {
    Result result = exec(bin, osUser, command);
    if (result.exitCode != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitCode + "):\n" + result.output);
    }
  }

  private static Result exec(Path bin, String osUser, List<String> command) {
    List<String> full = new ArrayList<>();
    if (osUser != null) {
      full.addAll(List.of("runuser", "-u", osUser, "--"));
    }
    full.add(bin == null ? command.get(0) : bin.resolve(command.get(0)).toString());
    full.addAll(command.subList(1, command.size()));
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, output + "\n(timed out)");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
