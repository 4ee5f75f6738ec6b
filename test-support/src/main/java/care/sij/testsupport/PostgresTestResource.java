package care.sij.testsupport;

import care.sij.launcher.Postgres;
import care.sij.launcher.ServiceSchemas;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points a service under test at a real PostgreSQL, connected as the service's own role. One server
 * serves the whole test JVM; a cluster of our own is removed when the JVM ends.
 * Init argument {@code service}: catalog, triage or progress.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
  private static Postgres server;
  private String service;

  @Override
  public void init(Map<String, String> initArgs) {
    service = initArgs.get("service");
    if (!ServiceSchemas.SERVICES.contains(service)) {
      throw new IllegalArgumentException("init argument 'service' must be one of " + ServiceSchemas.SERVICES);
    }
  }

  @Override
  public Map<String, String> start() {
    Postgres.Admin admin = server().admin();
    ServiceSchemas.ensureAll(admin);
    return Map.of(
        "quarkus.datasource.jdbc.url", admin.jdbcUrl(),
        "quarkus.datasource.username", service,
        "quarkus.datasource.password", ServiceSchemas.localPassword(service));
  }

  @Override
  public void stop() {
    // the server outlives one application start; it is closed with the JVM
  }

  /** The admin connection of the server the tests run against, for tests that look behind the API. */
  public static synchronized Postgres server() {
    if (server == null) {
      server = Postgres.forTests(Path.of("target", "postgres-" + ProcessHandle.current().pid()));
      System.out.println("[test-support] " + server.describe());
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
    }
    return server;
  }
}
