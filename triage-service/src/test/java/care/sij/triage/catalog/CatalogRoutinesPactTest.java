package care.sij.triage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithoutPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import au.com.dius.pact.core.model.annotations.PactDirectory;
import care.sij.testsupport.CommittedPact;
import care.sij.triage.PeersByPact;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What triage-service needs of catalog-service's routines (the self-care pathway's suggestion), asked
 * through the bean the service uses; the pact is committed as contracts/pacts/triage-service-catalog-service.json
 * and catalog-service's build verifies it against the real catalog.
 */
@QuarkusTest
@TestProfile(PeersByPact.class)
@CommittedPact(consumer = "triage-service", provider = "catalog-service")
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "catalog-service", port = "${sij.pact.port}")
@PactDirectory(CommittedPact.WRITTEN)
class CatalogRoutinesPactTest {
  private static final String ID = "[a-z0-9]+(-[a-z0-9]+)*"; // a catalog slug

  @Inject
  RememberedRoutines routines;

  @Pact(consumer = "triage-service", provider = "catalog-service")
  V4Pact knownRoutine(PactDslWithProvider builder) {
    return lookUp(builder.given("the catalog has the routine", Map.of("id", "mobility-routine"))
        .uponReceiving("a look-up of a routine the catalog has"), "mobility-routine")
        .willRespondWith().status(200).matchHeader("Content-Type", "application/json.*", "application/json")
        .body(LambdaDsl.newJsonBody(r -> r.stringMatcher("id", ID, "mobility-routine").stringType("name", "Gentle mobility routine")
            .stringType("summary", "Loosens a stiff joint.")).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "knownRoutine")
  void routineTheCatalogHasIsFoundWithItsNameAndSummary() {
    assertEquals(new CatalogRoutines.Lookup.Found(new CatalogRoutine("mobility-routine", "Gentle mobility routine", "Loosens a stiff joint.")),
        routines.routine("mobility-routine"));
  }

  @Pact(consumer = "triage-service", provider = "catalog-service")
  V4Pact unknownRoutine(PactDslWithProvider builder) {
    return lookUp(builder.given("the catalog does not have the routine", Map.of("id", "no-such-routine"))
        .uponReceiving("a look-up of a routine the catalog does not have"), "no-such-routine")
        .willRespondWith().status(404)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "unknownRoutine")
  void routineTheCatalogDoesNotHaveIsNotFoundRatherThanUnavailable() {
    assertEquals(new CatalogRoutines.Lookup.NotFound(), routines.routine("no-such-routine"));
  }

  private static PactDslRequestWithPath lookUp(PactDslRequestWithoutPath request, String id) {
    return request.method("GET").matchPath("/v1/routines/" + ID, "/v1/routines/" + id)
        .matchHeader("Authorization", "Bearer .+", "Bearer service-token");
  }
}
