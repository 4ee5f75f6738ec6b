package care.sij.tracing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP collector in the test's memory: it takes what the services export over HTTP/protobuf
 * (POST /v1/traces), as any collector would, and keeps every span with the service that sent it.
 */
final class OtlpReceiver implements AutoCloseable {
  /** One exported span: ids in lowercase hex as in traceparent, its kind (SERVER, CLIENT, ...) and the sender's service.name. */
  record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind) {}

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<String> paths = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  /** Listens on a free port of the loopback address. */
  static OtlpReceiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.createContext("/", receiver::export);
    server.start();
    return receiver;
  }

  /** The base URL to configure as the services' OTLP endpoint. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** The paths the exports were posted to. */
  synchronized List<String> paths() {
    return List.copyOf(paths);
  }

  /** Exports that could not be read, each with why: none is expected. */
  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  synchronized List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private void export(HttpExchange exchange) throws IOException {
    try (exchange) {
      read(exchange);
    } catch (IOException | RuntimeException | LinkageError e) {
      synchronized (this) {
        failures.add(exchange.getRequestURI() + ": " + e);
      }
      throw e;
    }
  }

  private void read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
        ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    List<ReceivedSpan> received = new ArrayList<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service = attribute(resource.getResource().getAttributesList(), "service.name");
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        scope.getSpansList().forEach(span -> received.add(new ReceivedSpan(service, hex(span.getTraceId().toByteArray()),
            hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()), span.getName(),
            span.getKind().name().replace("SPAN_KIND_", ""))));
      }
    }
    synchronized (this) {
      paths.add(exchange.getRequestURI().getPath());
      spans.addAll(received);
    }
    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static String attribute(List<KeyValue> attributes, String key) {
    return attributes.stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue).map(AnyValue::getStringValue)
        .findFirst().orElse("");
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
