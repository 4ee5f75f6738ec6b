package care.sij.adversarial.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import care.sij.adversarial.RunningSuite;
import care.sij.adversarial.fuzz.Contracts.Operation;
import care.sij.adversarial.fuzz.Fixtures.Bound;
import care.sij.adversarial.fuzz.Wire.Header;
import care.sij.adversarial.fuzz.Wire.Reply;
import care.sij.adversarial.fuzz.Wire.Request;
import care.sij.launcher.Repository;
import care.sij.testsupport.DevTokens;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For every operation of the three committed contracts, one valid request built from its schema and a
 * tenant's own records, sent three ways: with every scope but the ones the contract names for it
 * (403, nothing changed), by a second tenant with every scope (another tenant's id is 404, a listing
 * shows nothing of the first tenant's, a catalog write is the curators' alone, nothing changed), and
 * finally by its owner, which must be served: so that neither refusal is an accident of a bad request.
 */
class AccessMatrixTest {
  private static final long SEED = ContractFuzzTest.SEED;
  private static final Path SUMMARY = Repository.root().resolve("adversarial/target/access-summary.md");
  private static final List<String> ALL = Arrays.asList(DevTokens.ALL_SCOPES.split(" "));

  private static List<Operation> operations;
  private static Wire wire;
  private static Fixtures.Catalog catalog;
  private static final List<String> failures = new ArrayList<>();
  private static final Map<String, int[]> counts = new LinkedHashMap<>();

  @BeforeContainer
  static void startSuiteAndReadContracts() {
    operations = Contracts.load(Repository.root());
    wire = new Wire(Map.of("catalog", port("catalog"), "triage", port("triage"), "progress", port("progress")));
    catalog = Fixtures.readCatalog(wire);
  }

  private static int port(String service) {
    String url = RunningSuite.url(service);
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  @Example
  void noOperationServesAnotherTenantOrACallerWithoutItsScope() {
    for (Operation op : operations) {
      String owner = "acl-" + op.id().toLowerCase() + "-" + Fixtures.unique();
      Fixtures fx = Fixtures.forRun(wire, catalog, op, owner, true);
      Bound bound = fx.bind(new ValidRequests(fx).of(op).generator(1, true).next(new Random(SEED + op.id().hashCode())).value());
      String what = op.service() + " " + op.method() + " " + op.path();

      if (!op.scopes().isEmpty()) {
        String before = state(fx, op, bound);
        List<String> others = ALL.stream().filter(s -> !op.scopes().contains(s)).toList();
        Reply reply = wire.send(as(bound.request(), DevTokens.forTenant(fx.tenant, String.join(" ", others))));
        tally("scope", reply.status() == 403 && isProblem(reply),
            what + " without " + op.scopes() + " -> " + reply.status() + " " + cut(reply.text()));
        tally("scope: nothing changed", before.equals(state(fx, op, bound)), what + " without its scope changed " + before);
      }

      String intruder = "acl-intruder-" + Fixtures.unique();
      String before = state(fx, op, bound);
      Reply reply = wire.send(as(bound.request(), DevTokens.forTenant(intruder, DevTokens.ALL_SCOPES)));
      if (shared(op)) {
        if (op.service().equals("catalog") && op.writes() && !op.path().endsWith("/plan")) {
          tally("curators only", reply.status() == 403 && isProblem(reply), what + " by tenant " + intruder + " -> " + reply.status());
        }
      } else if (op.path().contains("{")) {
        tally("another tenant's id", reply.status() == 404 && isProblem(reply),
            what + " by another tenant -> " + reply.status() + " " + cut(reply.text()));
      } else if (reply.status() < 300) {
        tally("another tenant's listing", !leaks(fx, op, reply, intruder),
            what + " by another tenant showed the first tenant's records: " + cut(reply.text()));
      }
      tally(shared(op) ? "shared data: nothing changed" : "another tenant: nothing changed",
          before.equals(state(fx, op, bound)), what + " by another tenant changed " + before);

      Reply own = wire.send(bound.request());
      fx.remember(bound, own);
      tally("owner served", own.status() < 300, what + " by its owner -> " + own.status() + " " + cut(own.text()));
    }
    assertTrue(failures.isEmpty(), failures.size() + " access failures:\n" + String.join("\n", failures));
  }

  /** What every tenant reads alike: the catalog, triage's questionnaire and rule sets. */
  private static boolean shared(Operation op) {
    return op.service().equals("catalog") || op.path().startsWith("/v1/questionnaire") || op.path().startsWith("/v1/rulesets");
  }

  /** The request as sent by another token. */
  private static Request as(Request r, String token) {
    List<Header> headers = new ArrayList<>(r.headers().stream().filter(h -> !h.name().equalsIgnoreCase("Authorization")).toList());
    headers.add(new Header("Authorization", "Bearer " + token));
    return new Request(r.service(), r.method(), r.target(), headers, r.body());
  }

  /** What the owner has that an operation could touch, read back by the owner. */
  private static String state(Fixtures fx, Operation op, Bound bound) {
    String own = Readbacks.of(op).map(r -> r.state(fx, bound)).orElse("");
    return switch (op.service()) {
      case "progress" -> own + " patients=" + ids(fx, "progress", "/v1/patients?limit=100")
          + (fx.patientId() == null ? "" : " entries=" + ids(fx, "progress", "/v1/patients/" + fx.patientId() + "/pain-entries?limit=100")
              + " sessions=" + ids(fx, "progress", "/v1/patients/" + fx.patientId() + "/sessions?limit=100"))
          + " alerts=" + fx.getJson("progress", "/v1/alerts?limit=100").path("items").findValuesAsText("status");
      case "triage" -> own + " assessments=" + ids(fx, "triage", "/v1/assessments?limit=100");
      default -> own;
    };
  }

  private static List<String> ids(Fixtures fx, String service, String list) {
    return fx.getJson(service, list).path("items").findValuesAsText("id");
  }

  /**
   * Whether a listing another tenant got shows any record of the owner's: its patient, alert or
   * assessment ids, or (in the audit trail) an event of someone else.
   */
  private static boolean leaks(Fixtures fx, Operation op, Reply reply, String intruder) {
    JsonNode items;
    try {
      items = Fixtures.JSON.readTree(reply.body()).path("items");
    } catch (Exception e) {
      return false;
    }
    if (op.path().equals("/v1/audit-events")) {
      for (JsonNode event : items) {
        if (!event.path("subject").asText().startsWith(intruder)) {
          return true;
        }
      }
      return false;
    }
    String text = items.toString();
    for (String id : new String[] {fx.patientId(), fx.alertId(), fx.tenant}) {
      if (id != null && text.contains(id)) {
        return true;
      }
    }
    return items.size() > 0 && !op.path().equals("/v1/questionnaire");
  }

  private static boolean isProblem(Reply reply) {
    String type = reply.header("Content-Type");
    return type != null && type.startsWith("application/problem+json");
  }

  private static void tally(String check, boolean ok, String failure) {
    int[] c = counts.computeIfAbsent(check, k -> new int[2]);
    c[0]++;
    if (!ok) {
      c[1]++;
      failures.add(check + ": " + failure);
    }
  }

  private static String cut(String text) {
    return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  @AfterContainer
  static void writeSummary() throws Exception {
    StringBuilder md = new StringBuilder("# Access matrix\n\n").append(operations == null ? 0 : operations.size())
        .append(" operations of contracts/*.yaml, one valid request each (seed ").append(SEED).append("), sent without its scope, ")
        .append("by a second tenant, and by its owner.\n\n| check | requests | failures |\n|---|---:|---:|\n");
    counts.forEach((check, c) -> md.append("| ").append(check).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" |\n"));
    if (!failures.isEmpty()) {
      md.append("\n## Failures\n\n").append(failures.stream().map(f -> "- " + f).collect(Collectors.joining("\n"))).append('\n');
    }
    Files.createDirectories(SUMMARY.getParent());
    Files.writeString(SUMMARY, md);
    System.out.println(md);
  }
}
