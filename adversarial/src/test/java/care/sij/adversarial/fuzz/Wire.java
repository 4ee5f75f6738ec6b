package care.sij.adversarial.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends a request exactly as built: with java.net.http when it can carry it, else over a plain socket,
 * since the client refuses what a fuzzer must send (malformed escapes, control characters, huge headers).
 */
final class Wire {
  private static final Set<String> CLIENT_MANAGED = Set.of("host", "connection", "content-length", "expect", "upgrade");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  record Header(String name, String value) {}

  /** A request as it goes on the wire: target is the path and query, already percent-encoded (or not, on purpose). */
  record Request(String service, String method, String target, List<Header> headers, byte[] body) {
    String header(String name) {
      return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
    }
  }

  /** An answer; status 0 when the connection closed without one. */
  record Reply(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final Map<String, Integer> ports;

  Wire(Map<String, Integer> ports) {
    this.ports = ports;
  }

  Reply send(Request r) {
    try {
      if (clientCanCarry(r)) {
        try {
          return viaClient(r);
        } catch (IOException staleOrReset) {
          // the client may have reused a connection the service closed after an error: a fresh socket tells whether it answers
          return viaSocket(r);
        }
      }
      return viaSocket(r);
    } catch (IOException e) {
      return new Reply(0, Map.of(), ("no answer: " + e).getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean clientCanCarry(Request r) {
    if (!printableAscii(r.target()) || r.target().length() > 8000) {
      return false;
    }
    for (Header h : r.headers()) {
      if (CLIENT_MANAGED.contains(h.name().toLowerCase(Locale.ROOT)) || !printableAscii(h.value().replace(' ', 'x'))
          || h.value().length() > 4000) {
        return false;
      }
    }
    try {
      URI.create(base(r) + r.target());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean printableAscii(String s) {
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  private String base(Request r) {
    return "http://localhost:" + ports.get(r.service());
  }

  private Reply viaClient(Request r) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body = r.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(r.body());
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base(r) + r.target())).timeout(TIMEOUT).method(r.method(), body);
    r.headers().forEach(h -> builder.header(h.name(), h.value()));
    HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
    return new Reply(response.statusCode(), headers, response.body());
  }

  private Reply viaSocket(Request r) throws IOException {
    try (Socket socket = new Socket("localhost", ports.get(r.service()))) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      StringBuilder head = new StringBuilder(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n")
          .append("Host: localhost:").append(ports.get(r.service())).append("\r\nConnection: close\r\n");
      for (Header h : r.headers()) {
        head.append(h.name()).append(": ").append(h.value()).append("\r\n");
      }
      if (r.body() != null) {
        head.append("Content-Length: ").append(r.body().length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (r.body() != null) {
          out.write(r.body());
        }
        out.flush();
      } catch (IOException refusedMidway) {
        // a server may answer and close before reading everything: its answer is still what counts
      }
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (IOException resetAfterAnswer) {
      if (all.size() == 0) {
        throw resetAfterAnswer;
      }
    }
    return all.toByteArray();
  }

  private static Reply parse(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (raw.length == 0 || end < 0) {
      return new Reply(0, Map.of(), raw);
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (RuntimeException e) {
      status = 0;
    }
    return new Reply(status, headers, body);
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOf(Arrays.copyOfRange(body, at, body.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(body, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim();
      int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
      at += lineEnd + 2;
      if (size == 0) {
        break;
      }
      out.write(body, at, Math.min(size, body.length - at));
      at += size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static List<Header> with(List<Header> headers, String name, String value) {
    List<Header> all = new ArrayList<>(headers.stream().filter(h -> !h.name().equalsIgnoreCase(name)).toList());
    if (value != null) {
      all.add(new Header(name, value));
    }
    return List.copyOf(all);
  }
}
