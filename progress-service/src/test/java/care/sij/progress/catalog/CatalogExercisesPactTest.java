package care.sij.progress.catalog;

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
import care.sij.progress.PeersByPact;
import care.sij.testsupport.CommittedPact;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What progress-service needs of catalog-service's exercises, asked through the bean the service uses;
 * the pact is committed as contracts/pacts/progress-service-catalog-service.json and catalog-service's
 * build verifies it against the real catalog.
 */
@QuarkusTest
@TestProfile(PeersByPact.class)
@CommittedPact(consumer = "progress-service", provider = "catalog-service")
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "catalog-service", port = "${sij.pact.port}")
@PactDirectory(CommittedPact.WRITTEN)
class CatalogExercisesPactTest {
  private static final String ID = "[a-z0-9]+(-[a-z0-9]+)*"; // a catalog slug

  @Inject
  CatalogExercises exercises;

  @Inject
  @CacheName("catalog-exercises")
  Cache cache;

  @BeforeEach
  void forgetEarlierAnswers() {
    cache.invalidateAll().await().indefinitely(); // each test's look-up reaches the mock server
  }

  @Pact(consumer = "progress-service", provider = "catalog-service")
  V4Pact knownExercise(PactDslWithProvider builder) {
    return lookUp(builder.given("the catalog has the exercise", Map.of("id", "clamshell"))
        .uponReceiving("a look-up of an exercise the catalog has"), "clamshell")
        .willRespondWith().status(200).matchHeader("Content-Type", "application/json.*", "application/json")
        .body(LambdaDsl.newJsonBody(e -> e.stringMatcher("id", ID, "clamshell").stringType("name", "Clamshell")
            .booleanType("retired", false)).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "knownExercise")
  void exerciseTheCatalogHasIsFound() {
    assertEquals(Optional.of(new CatalogExercise("clamshell", "Clamshell", false)), exercises.exercise("clamshell"));
  }

  @Pact(consumer = "progress-service", provider = "catalog-service")
  V4Pact retiredExercise(PactDslWithProvider builder) {
    return lookUp(builder.given("the catalog has the exercise, retired", Map.of("id", "retired-exercise"))
        .uponReceiving("a look-up of an exercise the catalog has retired"), "retired-exercise")
        .willRespondWith().status(200).matchHeader("Content-Type", "application/json.*", "application/json")
        .body(LambdaDsl.newJsonBody(e -> e.stringMatcher("id", ID, "retired-exercise").stringType("name", "Retired exercise")
            .booleanValue("retired", true)).build())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "retiredExercise")
  void retiredExerciseIsStillFound() {
    // sessions recorded before a curator retired an exercise name it still
    assertEquals(Optional.of(new CatalogExercise("retired-exercise", "Retired exercise", true)), exercises.exercise("retired-exercise"));
  }

  @Pact(consumer = "progress-service", provider = "catalog-service")
  V4Pact unknownExercise(PactDslWithProvider builder) {
    return lookUp(builder.given("the catalog does not have the exercise", Map.of("id", "no-such-exercise"))
        .uponReceiving("a look-up of an exercise the catalog does not have"), "no-such-exercise")
        .willRespondWith().status(404)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "unknownExercise")
  void exerciseTheCatalogDoesNotHaveIsAnAnswerNotAFailure() {
    assertEquals(Optional.empty(), exercises.exercise("no-such-exercise"));
  }

  private static PactDslRequestWithPath lookUp(PactDslRequestWithoutPath request, String id) {
    return request.method("GET").matchPath("/v1/exercises/" + ID, "/v1/exercises/" + id)
        .matchHeader("Authorization", "Bearer .+", "Bearer service-token");
  }
}
