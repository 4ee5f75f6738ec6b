package care.sij.catalog.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as search compares it: accents, case, spaces and punctuation do not count, so "Clam-shell",
 * "clam shell" and "clamshell" are the same word.
 */
final class SearchText {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

  private SearchText() {}

  private static String folded(String text) {
    return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
  }

  /** Lower-case letters and digits only. */
  static String compact(String text) {
    return text == null ? "" : NOT_ALPHANUMERIC.matcher(folded(text)).replaceAll("");
  }

  /** The words of the text, each compacted; empty for text without letters or digits. */
  static List<String> tokens(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(NOT_ALPHANUMERIC.split(folded(text))).filter(t -> !t.isEmpty()).toList();
  }
}
