package care.sij.progress.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the stored responses of keyed writes are kept for retries. */
@ConfigMapping(prefix = "progress.idempotency")
public interface IdempotencyConfig {
  /** A record older than this no longer answers a retry and is deleted by the sweep. */
  @WithDefault("24h")
  Duration retention();

  /** How often the sweep deletes expired records ("off": never, as in tests, which run it themselves). */
  @WithDefault("15m")
  String sweepEvery();
}
