package care.sij.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts each request to /v1 against a token bucket of its tenant, its client within the tenant and
 * its class of operation ({@link RateLimits}), and answers 429 problem+json once the bucket is empty.
 * It runs after Quarkus REST's security checks (which come before any request filter), so a request
 * without a valid token or scope is refused before it is counted, and before the endpoint's
 * parameters are read or any work is done. Buckets are local to this process: with several replicas, each allows
 * the configured rate. Every answer it counted carries the RateLimit and RateLimit-Policy headers
 * (draft-ietf-httpapi-ratelimit-headers, structured fields) so that clients can pace themselves.
 */
@ApplicationScoped // its filters are made when REST deploys, before runtime configuration exists: a proxy defers it
@Startup // a wrong limit stops the start, not the first request
class RateLimiter {
  static final String POLICY_HEADER = "RateLimit-Policy";
  static final String STATE_HEADER = "RateLimit";
  private static final String POLICY = RateLimiter.class.getName() + ".policy";
  private static final String STATE = RateLimiter.class.getName() + ".state";

  private final boolean enabled;
  private final Map<RateLimits.Kind, Policy> policies = new EnumMap<>(RateLimits.Kind.class);
  private final Cache<Key, Bucket> buckets;
  private final SecurityIdentity identity;
  private final Caller caller;

  RateLimiter(RateLimits limits, SecurityIdentity identity, Caller caller) {
    this.enabled = limits.enabled();
    this.identity = identity;
    this.caller = caller;
    Duration longest = Duration.ZERO;
    for (RateLimits.Kind kind : RateLimits.Kind.values()) {
      Policy policy = Policy.of(kind, kind.of(limits));
      policies.put(kind, policy);
      longest = policy.period().compareTo(longest) > 0 ? policy.period() : longest;
    }
    // a bucket left alone for a whole period is full again: dropping it then changes nothing
    this.buckets = Caffeine.newBuilder().maximumSize(limits.maxBuckets()).expireAfterAccess(longest).build();
  }

  /** On the event loop, before a blocking endpoint's request is handed to a worker thread: a refusal costs none. */
  @ServerRequestFilter(priority = Priorities.USER, nonBlocking = true)
  Response limit(ContainerRequestContext request) {
    if (!enabled) {
      return null;
    }
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/v1/") || identity.isAnonymous()) {
      return null;
    }
    RateLimits.Kind kind = RateLimits.Kind.of(request.getMethod(), path);
    Policy policy = policies.get(kind);
    Bucket bucket = buckets.get(new Key(caller.tenant(), client(), kind), key -> policy.newBucket());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    request.setProperty(POLICY, policy);
    if (probe.isConsumed()) {
      request.setProperty(STATE, policy.state(probe.getRemainingTokens(), seconds(probe.getNanosToWaitForReset())));
      return null;
    }
    long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
    String state = policy.state(0, retryAfter);
    request.setProperty(STATE, state);
    return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter)
        .header(POLICY_HEADER, policy.header()).header(STATE_HEADER, state)
        .entity(Problem.of(429, "rate-limited", "Too Many Requests", "this client of the tenant has made the " + policy.capacity()
            + " " + kind.id() + " it may make in " + policy.window() + " s; retry after the seconds in Retry-After",
            request.getUriInfo().getRequestUri().getRawPath()))
        .build();
  }

  @ServerResponseFilter
  void headers(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(STATE) instanceof String state && request.getProperty(POLICY) instanceof Policy policy) {
      response.getHeaders().putSingle(POLICY_HEADER, policy.header());
      response.getHeaders().putSingle(STATE_HEADER, state);
    }
  }

  /** The client within the tenant: the authorized party, else the OAuth client id (both {@link Caller#client()}), else the subject. */
  private String client() {
    String client = caller.client();
    return client != null && !client.isBlank() ? client : String.valueOf(caller.subject());
  }

  private static long seconds(long nanos) {
    return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
  }

  private record Key(String tenant, String client, RateLimits.Kind kind) {}

  /** A class's limit and its RateLimit-Policy header, e.g. {@code "reads";q=200;w=1}. */
  record Policy(RateLimits.Kind kind, long capacity, Duration period, long window, String header) {
    static Policy of(RateLimits.Kind kind, RateLimits.Limit limit) {
      String name = "sij.rate-limit." + kind.id();
      if (limit.capacity() < 1) {
        throw new IllegalArgumentException(name + ".capacity must be at least 1");
      }
      if (limit.period().isNegative() || limit.period().toSeconds() < 1 || limit.period().toNanosPart() != 0) {
        throw new IllegalArgumentException(name + ".period must be a whole number of seconds, at least one");
      }
      long window = limit.period().toSeconds();
      return new Policy(kind, limit.capacity(), limit.period(), window,
          "\"" + kind.id() + "\";q=" + limit.capacity() + ";w=" + window);
    }

    /** The whole capacity at once at the end of each period: q requests per window of w seconds, as announced. */
    Bucket newBucket() {
      return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, period)).build();
    }

    /** The RateLimit header: what is left of the quota and the seconds until it is whole again. */
    String state(long remaining, long resetSeconds) {
      return "\"" + kind.id() + "\";r=" + remaining + ";t=" + resetSeconds;
    }
  }
}
