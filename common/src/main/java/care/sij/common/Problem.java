package care.sij.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem document, the body of every error response; documented by {@link ProblemResponses}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://sij.care/problems/";

  public static Problem of(int status, String slug, String title, String detail, String instance) {
    return new Problem(TYPE_BASE + slug, title, status, detail, instance, List.of());
  }

  /** 401: no bearer token, or one that does not verify. */
  public static Problem unauthorized(String instance) {
    return of(401, "unauthorized", "Unauthorized", "a valid bearer token is required (Authorization: Bearer <JWT>)", instance);
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
  }

  /** One offending input field, named by its JSON path or parameter name. */
  public record FieldError(String field, String message) {}
}
