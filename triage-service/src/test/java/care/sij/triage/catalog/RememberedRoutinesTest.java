package care.sij.triage.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import care.sij.testsupport.OtherServices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routine cache as configured for production, against a catalog stub: answers are remembered for a while, failures never. */
@QuarkusTest
@TestProfile(RememberedRoutinesTest.Remembering.class)
class RememberedRoutinesTest {
  /** The other tests see every catalog change at once; this one turns the cache on, with a short lifetime. */
  public static class Remembering implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.cache.enabled", "true", "quarkus.cache.caffeine.catalog-routines.expire-after-write", "300ms");
    }
  }

  @Inject
  RememberedRoutines routines;

  @Inject
  CircuitBreakerMaintenance circuitBreakers;

  private final String id = "routine-" + UUID.randomUUID().toString().substring(0, 8);

  /** The first call of a fresh application may outlast the client's timeout (connections, token): not this test's subject. */
  @BeforeEach
  void warmUp() {
    routines.routine("warm-up-" + id);
    circuitBreakers.resetAll();
  }

  @AfterEach
  void healthyCatalogAgain() {
    OtherServices.reset();
    circuitBreakers.resetAll();
  }

  private int calls() {
    return OtherServices.server().countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/routines/" + id)).build()).getCount();
  }

  private void catalogAnswers(int status, String name) {
    OtherServices.server().stubFor(get(urlPathEqualTo("/v1/routines/" + id)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"summary\":\"s\",\"steps\":[],\"sources\":[]}")));
  }

  @Test
  void anAnswerIsRememberedForItsTime() throws InterruptedException {
    catalogAnswers(200, "first");
    assertEquals("first", ((CatalogRoutines.Lookup.Found) routines.routine(id)).routine().name());
    catalogAnswers(200, "second");
    assertEquals("first", ((CatalogRoutines.Lookup.Found) routines.routine(id)).routine().name());
    assertEquals(1, calls());
    Thread.sleep(400);
    assertEquals("second", ((CatalogRoutines.Lookup.Found) routines.routine(id)).routine().name(), "asked again once the time is up");
    assertEquals(2, calls());
  }

  @Test
  void notFoundIsAnAnswerButUnavailableIsAskedAgain() {
    catalogAnswers(500, "broken");
    assertInstanceOf(CatalogRoutines.Lookup.Unavailable.class, routines.routine(id));
    catalogAnswers(404, "gone");
    assertInstanceOf(CatalogRoutines.Lookup.NotFound.class, routines.routine(id));
    assertInstanceOf(CatalogRoutines.Lookup.NotFound.class, routines.routine(id));
    assertEquals(2, calls());
  }
}
