package care.sij.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.List;

/** An RFC 9457 problem document, the body of every error response; documented by {@link ProblemResponses}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors,
    String traceId) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://sij.care/problems/";

  public static Problem of(int status, String slug, String title, String detail, String instance) {
    return new Problem(TYPE_BASE + slug, title, status, detail, instance, List.of(), currentTraceId());
  }

  /** The W3C trace id of the request being answered, so that a caller's report leads to its trace and its log lines. */
  static String currentTraceId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }

  /** 401: no bearer token, or one that does not verify. */
  public static Problem unauthorized(String instance) {
    return of(401, "unauthorized", "Unauthorized", "a valid bearer token is required (Authorization: Bearer <JWT>)", instance);
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors), traceId);
  }

  /** One offending input field, named by its JSON path or parameter name. */
  public record FieldError(String field, String message) {}
}
