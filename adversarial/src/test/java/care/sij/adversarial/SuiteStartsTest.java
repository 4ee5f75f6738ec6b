package care.sij.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SuiteStartsTest {
  @Test
  void everyServiceIsReadyOnItsOffsetPort() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (var service : RunningSuite.services()) {
      HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ready.statusCode(), service.service().name() + ": " + ready.body());
      assertEquals(service.service().port() + RunningSuite.PORT_OFFSET, service.port());
    }
  }
}
