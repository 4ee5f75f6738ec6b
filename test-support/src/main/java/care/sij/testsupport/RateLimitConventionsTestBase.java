package care.sij.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rate limits every service enforces, under limits low enough to meet ({@link LowLimits}): a
 * client over its limit gets 429 problem+json with Retry-After and the RateLimit headers, while
 * other tenants and other clients of the same tenant are served; it is served again once the
 * window ends; a refused write stores nothing; and every answer the limiter counted says how much
 * is left. Each test calls as clients of its own, so that no other test's requests count.
 * A shared test base, run only through each service's subclass:
 * {@code @QuarkusTest @TestProfile(RateLimitConventionsTestBase.LowLimits.class) class XRateLimitTest extends RateLimitConventionsTestBase}.
 */
public abstract class RateLimitConventionsTestBase {
  private static final Pattern STATE = Pattern.compile("\"([a-z]+)\";r=(\\d+);t=(\\d+)");

  /** Low limits, each with a window of {@link #WINDOW_SECONDS}. */
  public static class LowLimits implements QuarkusTestProfile {
    public static final int READS = 4;
    public static final int WRITES = 3;
    public static final int BULK = 1;
    public static final int TRIAGE = 3;
    public static final int WINDOW_SECONDS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> limits = new LinkedHashMap<>();
      Map.of("reads", READS, "writes", WRITES, "bulk", BULK, "triage", TRIAGE).forEach((kind, capacity) -> {
        for (String profile : new String[] {"", "%test."}) { // over the %test values that keep other tests clear of the limits
          limits.put(profile + "sij.rate-limit." + kind + ".capacity", Integer.toString(capacity));
          limits.put(profile + "sij.rate-limit." + kind + ".period", WINDOW_SECONDS + "S");
        }
      });
      return limits;
    }
  }

  /** A GET under /v1 that needs {@link #readScope()} and succeeds with it. */
  protected abstract String protectedPath();

  protected abstract String readScope();

  /** A GET under /v1 of an id that does not exist (404). */
  protected abstract String missingPath();

  /** The scopes a token needs for {@link #write} and {@link #stored}. */
  protected abstract String writeScopes();

  /** The tenant that writes (as a client of each test's own): by default one of each test's own. */
  protected String writer() {
    return uniqueTenant();
  }

  /** Sends the service's write number n, marked so that {@link #stored} finds it, and returns the answer. */
  protected abstract Response write(String token, String marker, int n);

  /** How many of the writes with this marker are stored, read back through the API. */
  protected abstract int stored(String token, String marker);

  /** The POST that {@link #write} makes, to send a malformed body to. */
  protected abstract String writePath();

  protected static String uniqueTenant() {
    return "rl-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String uniqueClient() {
    return "app-" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static String uniqueMarker() {
    StringBuilder marker = new StringBuilder("zr"); // letters only, so that a search finds it as a word
    for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 12).toCharArray()) {
      marker.append((char) ('a' + Character.digit(c, 16)));
    }
    return marker.toString();
  }

  private Response read(String token) {
    return given().auth().oauth2(token).when().get(protectedPath());
  }

  /** The RateLimit header of a counted answer, checked against its RateLimit-Policy: class, r and t. */
  private static Matcher counted(Response response) {
    String policy = response.header("RateLimit-Policy");
    String state = response.header("RateLimit");
    assertNotNull(policy, "RateLimit-Policy on " + response.statusCode() + " " + response.asString());
    assertNotNull(state, "RateLimit on " + response.statusCode() + " " + response.asString());
    Matcher matcher = STATE.matcher(state);
    assertTrue(matcher.matches(), state);
    String kind = matcher.group(1);
    int capacity = switch (kind) {
      case "reads" -> LowLimits.READS;
      case "writes" -> LowLimits.WRITES;
      case "bulk" -> LowLimits.BULK;
      case "triage" -> LowLimits.TRIAGE;
      default -> throw new AssertionError("unknown class in " + state);
    };
    assertEquals("\"" + kind + "\";q=" + capacity + ";w=" + LowLimits.WINDOW_SECONDS, policy);
    assertTrue(Integer.parseInt(matcher.group(2)) < capacity, state);
    assertTrue(Integer.parseInt(matcher.group(3)) <= LowLimits.WINDOW_SECONDS, state);
    return matcher;
  }

  /** Checks a 429: problem+json, Retry-After within the window, nothing left; returns Retry-After. */
  private static int tooMany(Response response) {
    response.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429))
        .body("type", containsString("https://sij.care/problems/rate-limited"));
    Matcher state = counted(response);
    assertEquals("0", state.group(2), response.header("RateLimit"));
    int retryAfter = Integer.parseInt(response.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= LowLimits.WINDOW_SECONDS, "Retry-After: " + retryAfter);
    return retryAfter;
  }

  @Test
  void clientOverItsLimitGets429WhileOtherTenantsAndClientsAreServedAndIsServedAgainAfterTheWindow() throws InterruptedException {
    String tenant = uniqueTenant();
    String token = DevTokens.forTenant(tenant, readScope());
    Response refused = null;
    int served = 0;
    for (int i = 0; i < 3 * LowLimits.READS && refused == null; i++) {
      Response response = read(token);
      if (response.statusCode() == 429) {
        refused = response;
      } else {
        assertEquals(200, response.statusCode(), response.asString());
        counted(response);
        served++;
      }
    }
    assertNotNull(refused, "no 429 after " + served + " reads");
    assertTrue(served >= LowLimits.READS, "refused after only " + served + " reads");
    int retryAfter = tooMany(refused);

    assertEquals(200, read(DevTokens.forTenant(uniqueTenant(), readScope())).statusCode(), "another tenant is served");
    Response otherClient = read(DevTokens.forClient(tenant, "another-app", readScope()));
    assertEquals(200, otherClient.statusCode(), "another client of the same tenant is served");
    assertEquals(String.valueOf(LowLimits.READS - 1), counted(otherClient).group(2), "with a quota of its own");
    tooMany(read(token)); // while the first is still refused

    Thread.sleep(retryAfter * 1000L + 200);
    Response again = read(token);
    assertEquals(200, again.statusCode(), again.asString());
    assertEquals(String.valueOf(LowLimits.READS - 1), counted(again).group(2), "a whole quota again");
  }

  @Test
  void refusedWriteStoresNothing() {
    String tenant = writer();
    String client = uniqueClient();
    String token = DevTokens.forClient(tenant, client, writeScopes());
    String marker = uniqueMarker();
    Response refused = null;
    int served = 0;
    for (int i = 0; i < 3 * LowLimits.WRITES && refused == null; i++) {
      Response response = write(token, marker, i);
      if (response.statusCode() == 429) {
        refused = response;
      } else {
        assertTrue(response.statusCode() == 200 || response.statusCode() == 201, response.statusCode() + " " + response.asString());
        counted(response);
        served++;
      }
    }
    assertNotNull(refused, "no 429 after " + served + " writes");
    tooMany(refused);
    assertEquals(served, stored(DevTokens.forClient(tenant, uniqueClient(), writeScopes() + " " + readScope()), marker),
        "only the writes answered 2xx are stored");
  }

  @Test
  void everyCountedAnswerCarriesTheRateLimitHeadersAndRefusalsBeforeTheLimiterAreNotCounted() {
    String tenant = writer();
    String client = uniqueClient();
    String token = DevTokens.forClient(tenant, client, readScope() + " " + writeScopes());
    given().when().get(protectedPath()).then().statusCode(401); // no token: no tenant to count
    given().auth().oauth2(DevTokens.forClient(tenant, client, "no:such-scope")).when().get(protectedPath()).then().statusCode(403);
    Response first = read(token);
    assertEquals(200, first.statusCode(), first.asString());
    assertEquals(String.valueOf(LowLimits.READS - 1), counted(first).group(2), "the 401 and the 403 were not counted");

    Response missing = given().auth().oauth2(token).when().get(missingPath());
    assertEquals(404, missing.statusCode(), missing.asString());
    assertEquals(String.valueOf(LowLimits.READS - 2), counted(missing).group(2));

    Response written = write(token, uniqueMarker(), 0);
    assertTrue(written.statusCode() == 200 || written.statusCode() == 201, written.statusCode() + " " + written.asString());
    counted(written);
    Response malformed = given().auth().oauth2(token).contentType("application/json").body("{\"oops\":").when().post(writePath());
    assertEquals(400, malformed.statusCode(), malformed.asString());
    assertEquals(counted(written).group(1), counted(malformed).group(1), "the same class");
  }
}
