package care.sij.catalog.domain;

import care.sij.common.ProblemException;
import java.util.List;

/**
 * The version a conditional write expects to replace, from If-Match: any current version ({@code *})
 * or one of the listed strong ETags. Null stands for a request without If-Match.
 */
public record ExpectedVersion(boolean any, List<String> etags) {

  /** 428 without If-Match, 412 when it names another version than the current one. */
  static void check(ExpectedVersion expected, String currentEtag) {
    if (expected == null) {
      throw new ProblemException.PreconditionRequired();
    }
    if (!expected.any() && !expected.etags().contains(currentEtag)) {
      throw new ProblemException.PreconditionFailed(currentEtag);
    }
  }
}
