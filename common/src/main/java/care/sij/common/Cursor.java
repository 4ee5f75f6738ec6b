package care.sij.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** An opaque position in a newest-first listing: the time and id of the last item returned. */
public record Cursor(Instant at, UUID id) {
  /** The longest cursor this service hands out is well below this; the contract publishes it. */
  public static final int MAX_LENGTH = 200;
  // a forged time beyond what the database stores would fail the query instead of the cursor
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** Null for no cursor; a 400 naming {@code cursor} for one this service did not hand out. */
  public static Cursor decode(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      if (text.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("too long");
      }
      String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
      Instant at = Instant.parse(parts[0]);
      if (at.isBefore(FIRST) || at.isAfter(LAST)) {
        throw new IllegalArgumentException("out of range");
      }
      return new Cursor(at, UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw new ProblemException.BadRequest("cursor", "is not a cursor this service returned");
    }
  }
}
