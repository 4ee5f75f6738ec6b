package care.sij.catalog.domain;

import care.sij.common.Problem;
import care.sij.common.ProblemException;
import java.util.List;

/** 400: an entry a curator sent breaks a catalog rule that bean validation on the request cannot express. */
public final class InvalidEntry extends ProblemException {
  InvalidEntry(List<CatalogRules.Violation> violations) {
    super(400, "validation", "Invalid request",
        violations.size() == 1 ? "1 field is invalid" : violations.size() + " fields are invalid",
        violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList());
  }
}
