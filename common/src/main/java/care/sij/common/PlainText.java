package care.sij.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Text a client sends, in a JSON string or a query value, holds no control character but tab, line
 * feed and carriage return, and no lone half of a surrogate pair: PostgreSQL refuses NUL, and the
 * others are never meant in a note or a name. The contract publishes the rule as a pattern.
 */
public final class PlainText {
  public static final String CONTROL_CHARACTERS = "must not contain control characters";
  /** The rule as a pattern for the contract (ECMA-262, as JSON Schema reads it). */
  public static final String PATTERN = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$";

  private PlainText() {}

  /** Why the text is refused, or null when it is acceptable. */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
        return CONTROL_CHARACTERS;
      }
      if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
        return CONTROL_CHARACTERS;
      }
    }
    return null;
  }

  /** Refused text, named by its JSON path like any other unacceptable value. */
  static final class Refused extends InvalidFormatException {
    Refused(JsonParser parser, String value) {
      super(parser, CONTROL_CHARACTERS, value, String.class);
    }
  }

  /** Jackson's own reading of strings, then the rule. */
  static final class Deserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = super.deserialize(parser, context);
      if (text != null && problem(text) != null) {
        throw new Refused(parser, text);
      }
      return text;
    }
  }
}
