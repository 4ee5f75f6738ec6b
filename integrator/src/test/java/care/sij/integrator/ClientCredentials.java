package care.sij.integrator;

import care.sij.launcher.Keycloak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * An application's tokens as an OAuth2 client gets them: a client-credentials grant at the identity
 * provider, the token kept and asked for again well before the realm's five minutes are up.
 */
final class ClientCredentials implements Supplier<String> {
  private static final Duration RENEW_AFTER = Duration.ofMinutes(3);

  private final Keycloak keycloak;
  private final String clientId;
  private final String scopes;
  private String token;
  private long obtainedAt;

  ClientCredentials(Keycloak keycloak, String clientId, String scopes) {
    this.keycloak = keycloak;
    this.clientId = clientId;
    this.scopes = scopes;
  }

  /** The tenant "demo"'s application of the realm, with every scope a tenant may have. */
  static ClientCredentials demoApp() {
    return new ClientCredentials(IntegratorSuite.keycloak(), Keycloak.DEMO_CLIENT, Keycloak.TENANT_SCOPES);
  }

  @Override
  public synchronized String get() {
    if (token == null || System.nanoTime() - obtainedAt > RENEW_AFTER.toNanos()) {
      try {
        token = keycloak.token(clientId, scopes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      obtainedAt = System.nanoTime();
    }
    return token;
  }
}
