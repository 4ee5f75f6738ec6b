package care.sij.adversarial.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP/1.1 over a plain socket, for what a client library would not send: stalled bodies, lying lengths. */
final class RawHttp {
  private RawHttp() {}

  /** What came back on a connection: an answer's head, the server's close, or nothing yet. */
  record Heard(String head, boolean closed) {
    int status() {
      if (!head.startsWith("HTTP/1.1 ") || head.length() < 12) {
        return -1;
      }
      try {
        return Integer.parseInt(head.substring(9, 12));
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    boolean problem() {
      return head.toLowerCase(Locale.ROOT).contains("\ncontent-type: application/problem+json");
    }

    boolean silent() {
      return head.isEmpty() && !closed;
    }

    String firstLine() {
      int end = head.indexOf("\r\n");
      return end < 0 ? head : head.substring(0, end);
    }
  }

  static String postHead(String path, int port, String token, long contentLength) {
    return "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
  }

  /**
   * Reads what the server has sent: nothing within firstWait is silence; once something comes, the
   * rest of the head is waited for a little longer.
   */
  static Heard listen(Socket socket, int firstWaitMillis) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    InputStream in = socket.getInputStream();
    socket.setSoTimeout(firstWaitMillis);
    try {
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          return new Heard(head.toString(StandardCharsets.ISO_8859_1), true);
        }
        head.write(buffer, 0, n);
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.contains("\r\n\r\n")) {
          return new Heard(text.substring(0, text.indexOf("\r\n\r\n")), false);
        }
        socket.setSoTimeout(500);
      }
    } catch (SocketTimeoutException e) {
      return new Heard(head.toString(StandardCharsets.ISO_8859_1), false);
    } catch (IOException reset) {
      return new Heard(head.toString(StandardCharsets.ISO_8859_1), true);
    }
  }
}
