package care.sij.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bounds every service enforces at its edge, before a request reaches its endpoint; published in each contract. */
@ConfigMapping(prefix = "sij.http")
public interface HttpLimits {
  /** Longest request target (path and query), in bytes. */
  @WithDefault("4096")
  int maxUriLength();

  /** Largest sum of the request's header names and values, in bytes. */
  @WithDefault("8192")
  int maxHeaderSize();

  /** Requests under way at once; more are refused with 503 at once instead of waiting in a queue. */
  @WithDefault("64")
  int maxConcurrentRequests();

  /** Seconds a client is asked to wait after a 503. */
  @WithDefault("2")
  int retryAfterSeconds();
}
