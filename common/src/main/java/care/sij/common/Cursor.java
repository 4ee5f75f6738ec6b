package care.sij.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** An opaque position in a newest-first listing: the time and id of the last item returned. */
public record Cursor(Instant at, UUID id) {
  public String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** Null for no cursor; a 400 naming {@code cursor} for one this service did not hand out. */
  public static Cursor decode(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
      return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw new ProblemException.BadRequest("cursor", "is not a cursor this service returned");
    }
  }
}
