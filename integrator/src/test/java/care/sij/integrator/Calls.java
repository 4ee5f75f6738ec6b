package care.sij.integrator;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * How an integrator calls: a 429 is waited out for the seconds in its Retry-After and tried again
 * (the service refused it before doing anything); any other answer is the answer.
 */
final class Calls {
  private static final int ATTEMPTS = 30;

  @FunctionalInterface
  interface Call<T> {
    T call() throws Exception;
  }

  /** An HTTP failure as the generated clients' ApiException reports it: status, headers and body. */
  record Failure(int status, HttpHeaders headers, String body) {
    static Optional<Failure> of(Exception e) {
      if (e instanceof care.sij.client.catalog.ApiException a && a.getCode() > 0) {
        return Optional.of(new Failure(a.getCode(), a.getResponseHeaders(), a.getResponseBody()));
      }
      if (e instanceof care.sij.client.triage.ApiException a && a.getCode() > 0) {
        return Optional.of(new Failure(a.getCode(), a.getResponseHeaders(), a.getResponseBody()));
      }
      if (e instanceof care.sij.client.progress.ApiException a && a.getCode() > 0) {
        return Optional.of(new Failure(a.getCode(), a.getResponseHeaders(), a.getResponseBody()));
      }
      return Optional.empty();
    }
  }

  private Calls() {}

  /** The call's answer; a failure other than a rate limit fails the test with the service's problem. */
  static <T> T ok(String what, Call<T> call) {
    return attempt(what, call, false).value;
  }

  /** The failure the call must end in (e.g. 404 after erasure); a success fails the test. */
  static Failure refused(String what, Call<?> call) {
    return attempt(what, call, true).failure;
  }

  private record Outcome<T>(T value, Failure failure) {}

  private static <T> Outcome<T> attempt(String what, Call<T> call, boolean mustFail) {
    for (int attempt = 1; ; attempt++) {
      try {
        T value = call.call();
        if (mustFail) {
          throw new AssertionError(what + ": expected a refusal, got " + value);
        }
        return new Outcome<>(value, null);
      } catch (Exception e) {
        Failure failure = Failure.of(e).orElseThrow(() -> new AssertionError(what + ": " + e, e));
        if (failure.status() == 429 && attempt < ATTEMPTS) {
          pause(failure.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L));
          continue;
        }
        if (mustFail) {
          return new Outcome<>(null, failure);
        }
        throw new AssertionError(what + ": HTTP " + failure.status() + " " + failure.body(), e);
      }
    }
  }

  private static void pause(long seconds) {
    try {
      Thread.sleep(Math.max(1, seconds) * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
