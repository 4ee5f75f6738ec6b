package care.sij.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import care.sij.launcher.Suite;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteStartsTest {
  @Test
  void everyServiceIsReadyOnItsOffsetPorts() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (var service : RunningSuite.services()) {
      HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode(), service.service().name() + ": " + ready.body());
      assertEquals(service.service().port() + RunningSuite.PORT_OFFSET, service.port());
      assertEquals(service.service().managementPort() + RunningSuite.PORT_OFFSET, service.managementPort());
    }
  }

  @Test
  void probesAndMetricsAreOnlyOnTheManagementPort() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (var service : RunningSuite.services()) {
      for (String path : new String[] {"/q/health/ready", "/q/health/live", "/q/metrics"}) {
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(404, api.statusCode(), service.service().name() + " API port " + path + ": " + api.body());
      }
      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, metrics.statusCode(), service.service().name());
    }
  }

  @Test
  void theServicesListenOnTheLoopbackInterfaceOnly() throws IOException {
    List<InetAddress> others = NetworkInterface.networkInterfaces().filter(SuiteStartsTest::upAndNotLoopback)
        .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).toList();
    assumeFalse(others.isEmpty(), "this machine has no interface but loopback");
    for (var service : RunningSuite.services()) {
      assertEquals(Suite.LOOPBACK, service.host(), service.service().name());
      for (int port : new int[] {service.port(), service.managementPort()}) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(others.get(0), port), 2000);
          fail(service.service().name() + " answers on " + others.get(0) + ":" + port);
        } catch (ConnectException | SocketTimeoutException refused) {
          // only loopback listens
        }
      }
    }
  }

  private static boolean upAndNotLoopback(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
