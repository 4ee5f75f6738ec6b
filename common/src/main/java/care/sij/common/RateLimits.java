package care.sij.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How many requests each client of a tenant may make per class of operation, in each replica
 * ({@link RateLimiter}); published in each contract's x-limits. The defaults are in common's
 * microprofile-config.properties.
 */
@ConfigMapping(prefix = "sij.rate-limit")
public interface RateLimits {
  /** Off only for a load test that must never meet a limit; raising the limits is better, it keeps their cost measured. */
  @WithDefault("true")
  boolean enabled();

  /** GET and HEAD. */
  Limit reads();

  /** POST, PUT, PATCH and DELETE, but for bulk and triage. */
  Limit writes();

  /** Any operation on a path ending in /bulk. */
  Limit bulk();

  /** Triage's POST /v1/assessments. */
  Limit triage();

  /** Buckets held at once (one per tenant, client and class); the least recently used go first. */
  @WithDefault("10000")
  int maxBuckets();

  /** A window of requests: {@code capacity} of them per {@code period}, all available again when a period ends. */
  interface Limit {
    long capacity();

    /** A whole number of seconds, as the RateLimit-Policy header states it. */
    Duration period();
  }

  /** The classes of operation, each limited on its own. */
  enum Kind {
    READS, WRITES, BULK, TRIAGE;

    /** As the RateLimit headers and the configuration name it. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The class of an operation, from its method and its path (as requested, or the contract's template). */
    public static Kind of(String method, String path) {
      String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      if (trimmed.endsWith("/bulk")) {
        return BULK;
      }
      if ("POST".equalsIgnoreCase(method) && trimmed.equals("/v1/assessments")) {
        return TRIAGE;
      }
      return "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method) || "OPTIONS".equalsIgnoreCase(method) ? READS : WRITES;
    }

    public Limit of(RateLimits limits) {
      return switch (this) {
        case READS -> limits.reads();
        case WRITES -> limits.writes();
        case BULK -> limits.bulk();
        case TRIAGE -> limits.triage();
      };
    }
  }
}
