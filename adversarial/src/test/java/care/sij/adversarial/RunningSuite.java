package care.sij.adversarial;

import care.sij.launcher.Postgres;
import care.sij.launcher.Suite;
import care.sij.testsupport.DevTokens;
import java.util.List;

/**
 * The three services of this build, started once per test JVM by the launcher of ./run and the
 * benchmark, with the same JVM options, against a throwaway PostgreSQL with durable settings. Its
 * ports are the defaults plus {@link #PORT_OFFSET}, so that it runs beside ./run.
 */
public final class RunningSuite {
  public static final int PORT_OFFSET = Integer.getInteger("adversarial.port-offset", 10_000);
  /**
   * Pending work (unverified sessions, fallback alerts) is retried often, so that a test sees it settle;
   * the fuzzing calls as one client far faster than the rate limits allow.
   */
  static final List<String> EXTRA_JVM_OPTIONS = java.util.stream.Stream.concat(java.util.stream.Stream.of("-Dprogress.retry-every=5s"),
      Suite.RATE_LIMITS_OUT_OF_REACH.stream()).toList();
  private static Suite suite;

  private RunningSuite() {}

  public static synchronized Suite get() {
    if (suite == null) {
      suite = Suite.startedForThisJvm("adversarial/target/suite", PORT_OFFSET, EXTRA_JVM_OPTIONS);
    }
    return suite;
  }

  /** Base URL of a service: catalog, triage or progress. */
  public static String url(String service) {
    return get().service(service).baseUrl();
  }

  public static Postgres database() {
    return get().database();
  }

  /** A token of the tenant with every scope. */
  public static String token(String tenant) {
    return DevTokens.forTenant(tenant, DevTokens.ALL_SCOPES);
  }

  public static List<Suite.Started> services() {
    return get().services();
  }
}
