package care.sij.integrator;

import care.sij.launcher.Keycloak;
import care.sij.launcher.Suite;
import java.util.List;
import java.util.Map;

/**
 * The three services of this build, started together once per test JVM by the launcher of ./run,
 * against a throwaway PostgreSQL, with Keycloak issuing every token (the realm of
 * docker/keycloak/sij-realm.json), at the defaults plus {@link #PORT_OFFSET} so that it runs beside
 * ./run and the adversarial suite. The rate limits are the published ones: the journey waits out a
 * 429 as an integrator must.
 */
final class IntegratorSuite {
  static final int PORT_OFFSET = Integer.getInteger("integrator.port-offset", 12_000);
  /** A red-flag alert still on the cautious fallback is asked about again soon, so that the journey sees it settle. */
  private static final List<String> EXTRA_JVM_OPTIONS = List.of("-Dprogress.retry-every=5s");
  private static Suite suite;

  private IntegratorSuite() {}

  static synchronized Suite get() {
    if (suite == null) {
      suite = Suite.startedForThisJvm("integrator/target/suite", PORT_OFFSET, EXTRA_JVM_OPTIONS, true);
    }
    return suite;
  }

  /** The suite's identity provider. */
  static Keycloak keycloak() {
    return get().keycloak().orElseThrow();
  }

  /** Each service's base URL, by name (catalog, triage, progress). */
  static Map<String, String> baseUrls() {
    Suite running = get();
    return Map.of("catalog", running.service("catalog").baseUrl(), "triage", running.service("triage").baseUrl(),
        "progress", running.service("progress").baseUrl());
  }
}
