package care.sij.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a consumer's REST clients at the Pact mock server of its consumer tests. The port is free
 * when chosen (builds run side by side on one machine) and published as the system property
 * {@value #PORT_PROPERTY}, which the tests name in {@code @PactTestFor(port = "${sij.pact.port}")}.
 * Init argument {@code clients}: the REST client config keys, comma-separated.
 */
public class PactPeers implements QuarkusTestResourceLifecycleManager {
  public static final String PORT_PROPERTY = "sij.pact.port";
  private String[] clients;

  @Override
  public void init(Map<String, String> initArgs) {
    clients = initArgs.getOrDefault("clients", "").split(",");
  }

  @Override
  public Map<String, String> start() {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty(PORT_PROPERTY, Integer.toString(port));
    Map<String, String> config = new HashMap<>();
    for (String client : clients) {
      if (!client.isBlank()) {
        config.put("quarkus.rest-client." + client.trim() + ".url", "http://127.0.0.1:" + port);
      }
    }
    return config;
  }

  @Override
  public void stop() {
    System.clearProperty(PORT_PROPERTY);
  }
}
