package care.sij.integrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Every response Prism marked with an sl-violations header, with the operation of the contract it
 * answered (found from the request's method and path), for a summary a reviewer can act on.
 */
final class Violations implements Consumer<HttpResponse<InputStream>> {
  record Violation(String service, String operation, String method, String path, int status, String verdict) {}

  private record Operation(String service, String id, String method, Pattern path) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Operation> operations = new ArrayList<>();
  private final Map<Integer, String> servicesByPort;
  private final List<Violation> found = new ArrayList<>();
  private int responses;

  /** The operations of the committed contracts; servicesByPort tells which service a proxy's port stands for. */
  Violations(Path root, Map<Integer, String> servicesByPort) {
    this.servicesByPort = Map.copyOf(servicesByPort);
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (String service : servicesByPort.values()) {
      try {
        JsonNode paths = yaml.readTree(root.resolve("contracts/" + service + "-service.yaml").toFile()).path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
          Map.Entry<String, JsonNode> path = p.next();
          Pattern pattern = Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
          path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has("operationId")) {
              operations.add(new Operation(service, op.getValue().get("operationId").asText(), op.getKey().toUpperCase(), pattern));
            }
          });
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public synchronized void accept(HttpResponse<InputStream> response) {
    responses++;
    response.headers().firstValue("sl-violations").ifPresent(verdict -> {
      URI uri = response.request().uri();
      String method = response.request().method();
      String service = servicesByPort.getOrDefault(uri.getPort(), "?");
      String operation = operations.stream().filter(o -> o.service().equals(service) && o.method().equals(method)
          && o.path().matcher(uri.getPath()).matches()).map(Operation::id).findFirst().orElse("?");
      found.add(new Violation(service, operation, method, uri.getPath(), response.statusCode(), verdict));
    });
  }

  synchronized List<Violation> all() {
    return List.copyOf(found);
  }

  synchronized int responses() {
    return responses;
  }

  /**
   * Each kind of violation (severity, code, where, message; array indexes as *) with the operations
   * and statuses of the responses that showed it, one per time it was found.
   */
  synchronized Map<String, List<String>> kinds() {
    Map<String, List<String>> kinds = new TreeMap<>();
    for (Violation v : found) {
      for (JsonNode one : parse(v.verdict())) {
        String kind = one.path("severity").asText("?") + " | " + one.path("code").asText("?") + " | "
            + String.join(".", locations(one)) + " | " + one.path("message").asText("?").replaceAll("(?<=[ .])\\d+(?=\\.)", "*");
        kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(v.service() + " " + v.operation() + " " + v.status());
      }
    }
    return kinds;
  }

  /** The summary: each kind of violation with how often and where it came, then every response. */
  synchronized void write(Path file) throws IOException {
    Map<String, List<String>> kinds = kinds();
    StringBuilder md = new StringBuilder("# Prism validating proxy: contract violations of the integrator journey\n\n")
        .append(found.size()).append(" of ").append(responses).append(" responses carried an sl-violations header (")
        .append(PrismProxies.PRISM).append(").\n\n");
    if (!found.isEmpty()) {
      md.append("## Kinds\n\n| severity | code | location | message | count | operations (service, operationId, status) |\n"
          + "|---|---|---|---|---|---|\n");
      kinds.forEach((kind, where) -> md.append("| ").append(kind.replace("|", "\\|").replace(" \\| ", " | ")).append(" | ")
          .append(where.size()).append(" | ").append(String.join(", ", new java.util.TreeSet<>(where))).append(" |\n"));
      md.append("\n## Responses\n\n");
      for (Violation v : found) {
        md.append("- ").append(v.service()).append(' ').append(v.operation()).append(" (").append(v.method()).append(' ')
            .append(v.path()).append(") ").append(v.status()).append(": `").append(v.verdict()).append("`\n");
      }
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, md);
  }

  private static List<JsonNode> parse(String verdict) {
    try {
      JsonNode node = JSON.readTree(verdict);
      List<JsonNode> all = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(all::add);
      } else {
        all.add(node);
      }
      return all;
    } catch (IOException e) {
      return List.of(JSON.createObjectNode().put("code", "unparsed").put("message", verdict));
    }
  }

  private static List<String> locations(JsonNode violation) {
    List<String> path = new ArrayList<>();
    // the same fault at two array indexes is one kind
    violation.path("location").forEach(p -> path.add(p.asText().matches("\\d+") ? "*" : p.asText()));
    return path;
  }

  /** Ports to service names, for the proxies' base URLs. */
  static Map<Integer, String> byPort(Map<String, String> baseUrls) {
    Map<Integer, String> ports = new LinkedHashMap<>();
    baseUrls.forEach((service, url) -> ports.put(URI.create(url).getPort(), service));
    return ports;
  }
}
