package care.sij.adversarial.fuzz;

import care.sij.adversarial.fuzz.Contracts.Operation;
import care.sij.adversarial.fuzz.Fixtures.Bound;
import care.sij.adversarial.fuzz.FuzzSummary.Tally;
import care.sij.adversarial.fuzz.Mutator.Case;
import care.sij.adversarial.fuzz.Oracle.Finding;
import care.sij.adversarial.fuzz.Readbacks.Readback;
import care.sij.adversarial.fuzz.Wire.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * Runs a fixed number of generated requests against every operation and counts what came back. Cases
 * come from jqwik's generators and a failure is shrunk with jqwik's shrinkables; the loop is ours, as
 * jqwik's engine stops a property at its first failure and the summary must count every try.
 */
final class Campaign {
  /** How many requests one failure may spend on getting smaller. */
  private static final int SHRINK_BUDGET = 20;

  private final Wire wire;
  private final Fixtures.Catalog catalog;
  private final Oracle oracle = new Oracle();
  private final Mutator mutator = new Mutator();
  private final FuzzSummary summary;
  private final long seed;

  Campaign(Wire wire, Fixtures.Catalog catalog, FuzzSummary summary, long seed) {
    this.wire = wire;
    this.catalog = catalog;
    this.summary = summary;
    this.seed = seed;
  }

  /** An answer and what the oracle found in it. */
  private record Outcome(Bound sent, Reply reply, List<Finding> findings) {}

  void run(Operation op, boolean valid, int tries) {
    long started = System.nanoTime();
    String tenant = "fuzz-" + (valid ? "v-" : "m-") + op.id().toLowerCase() + "-" + Long.toString(seed, 36) + "-" + Fixtures.unique();
    Fixtures fx = Fixtures.forRun(wire, catalog, op, tenant, !valid);
    ValidRequests requests = new ValidRequests(fx);
    Arbitrary<Case> cases = valid ? requests.of(op).map(Case::valid) : requests.of(op).flatMap(mutator::of);
    RandomGenerator<Case> generator = cases.generator(tries, true);
    Random random = new Random(seed * 31 + op.id().hashCode() * 7L + (valid ? 1 : 2));
    Readback readback = op.writes() ? Readbacks.of(op).orElse(null) : null;
    Tally tally = summary.tally(op);
    for (int i = 0; i < tries; i++) {
      Shrinkable<Case> generated = generator.next(random);
      Case c = generated.value();
      Outcome outcome = execute(fx, readback, c, tally);
      if (valid) {
        tally.validTries++;
        if (outcome.findings().stream().anyMatch(f -> f.kind() == Oracle.Kind.VALID_REFUSED)) {
          tally.validRefused++;
        } else if (outcome.reply().status() > 0) {
          tally.validAccepted++; // a 2xx, or the conflict the fixture's state documents
        }
      } else {
        tally.mutatedTries++;
        if (c.expect().verdict() == Mutator.Verdict.REFUSE) {
          if (outcome.findings().stream().anyMatch(f -> f.kind() == Oracle.Kind.MUTATION_ACCEPTED)) {
            tally.mutatedAccepted++;
          } else if (outcome.reply().status() >= 400 && outcome.reply().status() < 500) {
            tally.mutatedRefused++;
          }
        }
      }
      for (Finding f : outcome.findings()) {
        tally.findings.merge(f.kind(), 1, Integer::sum);
        if (summary.isNew(op, c.kind(), f.kind())) {
          Outcome smallest = shrink(fx, readback, generated, c.kind(), f.kind(), outcome, tally);
          Finding shown = smallest.findings().stream().filter(x -> x.kind() == f.kind()).findFirst().orElse(f);
          summary.record(new FuzzSummary.Failure(op.service() + " " + op.method() + " " + op.path(), c.kind(), f.kind(), shown.detail(),
              reproduction(smallest)), op);
        }
      }
    }
    System.out.printf("[fuzz] %s %s: %d tries, %d requests so far, %.1f s%n", op.id(), valid ? "valid" : "mutated", tries, tally.requests,
        (System.nanoTime() - started) / 1e9);
  }

  /** Takes the first smaller case that fails the same way, again and again, within the budget. */
  private Outcome shrink(Fixtures fx, Readback readback, Shrinkable<Case> failing, String kind, Oracle.Kind finding, Outcome outcome,
      Tally tally) {
    Shrinkable<Case> best = failing;
    Outcome bestOutcome = outcome;
    int budget = SHRINK_BUDGET;
    boolean smaller = true;
    while (smaller && budget > 0) {
      smaller = false;
      Iterator<Shrinkable<Case>> candidates = best.shrink().iterator();
      while (candidates.hasNext() && budget > 0) {
        Shrinkable<Case> candidate = candidates.next();
        if (!candidate.value().kind().equals(kind)) {
          continue;
        }
        budget--;
        Outcome tried = execute(fx, readback, candidate.value(), tally);
        if (tried.findings().stream().anyMatch(f -> f.kind() == finding)) {
          best = candidate;
          bestOutcome = tried;
          smaller = true;
          break;
        }
      }
    }
    return bestOutcome;
  }

  private Outcome execute(Fixtures fx, Readback readback, Case c, Tally tally) {
    Bound bound = fx.bind(c.draft());
    String before = readback == null ? null : readback.state(fx, bound);
    Reply reply = wire.send(bound.request());
    tally.requests++;
    if (Oracle.overloaded(reply)) { // the documented answer to overload: try once more after a pause
      tally.overloaded++;
      Fixtures.sleep(Duration.ofMillis(500));
      reply = wire.send(bound.request());
      tally.requests++;
    }
    fx.remember(bound, reply);
    String after = readback != null && reply.status() >= 400 && reply.status() < 500 ? readback.state(fx, bound) : null;
    return new Outcome(bound, reply, oracle.judge(c, reply, before, after));
  }

  private static String reproduction(Outcome o) {
    var r = o.sent().request();
    String headers = r.headers().stream()
        .map(h -> h.name() + ": " + (h.name().equalsIgnoreCase("Authorization") && h.value().length() > 40
            ? h.value().substring(0, 7) + "<token " + tenantOf(h.value()) + ">" : Mutator.describe(h.value())))
        .collect(Collectors.joining("\n"));
    String body = r.body() == null ? "" : "\n\n" + cut(new String(r.body(), StandardCharsets.UTF_8), 600);
    return r.method() + " " + cut(r.target(), 300) + "\n" + headers + body + "\n-> " + o.reply().status() + " "
        + o.reply().header("Content-Type") + " " + cut(o.reply().text(), 500);
  }

  private static String tenantOf(String bearer) {
    try {
      String[] parts = bearer.substring(7).split("\\.");
      var claims = Fixtures.JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
      return "tenant=" + claims.path("tenant").asText("-") + " scope=" + claims.path("scope").asText("-");
    } catch (RuntimeException | java.io.IOException e) {
      return "unreadable";
    }
  }

  private static String cut(String s, int max) {
    return Mutator.describe(s, max);
  }
}
