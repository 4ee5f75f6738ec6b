package care.sij.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import care.sij.testsupport.ServiceClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.apache.hc.core5.http.HttpRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pacts of catalog-service's consumers (contracts/pacts/*-catalog-service.json, written by
 * progress-service's and triage-service's consumer tests), each interaction replayed against this
 * running catalog with the token its consumer would have.
 */
@QuarkusTest
@Provider("catalog-service")
@PactFolder("${sij.repository.root:..}/contracts/pacts")
class ConsumerPactsTest {
  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  @BeforeEach
  void target(PactVerificationContext context) {
    context.setTarget(new HttpTestTarget("localhost", port));
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void consumerGetsWhatItsPactExpects(PactVerificationContext context, HttpRequest request) {
    // the pact names no token: each consumer calls with its own client-credentials token, for this audience
    request.setHeader("Authorization", "Bearer " + ServiceClients.token(context.getConsumer().getName()));
    context.verifyInteraction();
  }

  @State("the catalog has the exercise")
  void exerciseIsLive(Map<String, Object> params) {
    String id = (String) params.get("id");
    if (read("/v1/exercises/" + id).statusCode() == 404) {
      Fixtures.create(Fixtures.exercise(id));
    }
    assertEquals(false, read("/v1/exercises/" + id).path("retired"), "exercise " + id + " is retired");
  }

  @State("the catalog has the exercise, retired")
  void exerciseIsRetired(Map<String, Object> params) {
    String id = (String) params.get("id");
    String etag = read("/v1/exercises/" + id).statusCode() == 404 ? Fixtures.create(Fixtures.exercise(id)) : read("/v1/exercises/" + id).header("ETag");
    if (!Boolean.TRUE.equals(read("/v1/exercises/" + id).path("retired"))) {
      Fixtures.curator().header("If-Match", etag).when().delete("/v1/exercises/" + id).then().statusCode(200);
    }
  }

  @State("the catalog does not have the exercise")
  void exerciseIsUnknown(Map<String, Object> params) {
    String id = (String) params.get("id");
    assertEquals(404, read("/v1/exercises/" + id).statusCode(), "no test may create exercise " + id);
  }

  @State("the catalog has the routine")
  void routineIsLive(Map<String, Object> params) {
    String id = (String) params.get("id");
    if (read("/v1/routines/" + id).statusCode() == 404) {
      String exercise = Fixtures.marker();
      Fixtures.create(Fixtures.exercise(exercise));
      Fixtures.createRoutine(Fixtures.routine(id, exercise));
    }
    assertEquals(false, read("/v1/routines/" + id).path("retired"), "routine " + id + " is retired");
  }

  @State("the catalog does not have the routine")
  void routineIsUnknown(Map<String, Object> params) {
    String id = (String) params.get("id");
    assertEquals(404, read("/v1/routines/" + id).statusCode(), "no test may create routine " + id);
  }

  private static Response read(String path) {
    return Fixtures.curator().when().get(path);
  }
}
