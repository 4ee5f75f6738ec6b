package care.sij.common;

import java.util.List;

/**
 * A failure the caller can act on. Services throw the subclasses from their domain; the one
 * {@link ProblemMapper} turns them into problem+json.
 */
public abstract class ProblemException extends RuntimeException {
  private final int status;
  private final String slug;
  private final String title;
  private final List<Problem.FieldError> errors;

  protected ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  Problem toProblem(String instance) {
    return Problem.of(status, slug, title, getMessage(), instance).withErrors(errors);
  }

  /** 404: no such resource, or one that belongs to another tenant. */
  public static final class NotFound extends ProblemException {
    public NotFound(String what, Object id) {
      super(404, "not-found", "Not found", what + " '" + id + "' does not exist", List.of());
    }
  }

  /** 409: the request conflicts with what is stored. */
  public static final class Conflict extends ProblemException {
    public Conflict(String detail, String field) {
      super(409, "conflict", "Conflict", detail, List.of(new Problem.FieldError(field, detail)));
    }
  }

  /** 422: well-formed input that refers to something invalid. */
  public static final class Unprocessable extends ProblemException {
    public Unprocessable(String detail, List<Problem.FieldError> errors) {
      super(422, "unprocessable", "Unprocessable request", detail, errors);
    }
  }

  /** 400 raised by a service's own checks, after bean validation. */
  public static final class BadRequest extends ProblemException {
    public BadRequest(String field, String message) {
      super(400, "validation", "Invalid request", field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public BadRequest(List<Problem.FieldError> errors) {
      super(400, "validation", "Invalid request", errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
          errors);
    }
  }

  /** 428: a conditional write arrived without If-Match. */
  public static final class PreconditionRequired extends ProblemException {
    public PreconditionRequired() {
      super(428, "precondition-required", "Precondition required",
          "send If-Match with the ETag of the version you are changing", List.of(new Problem.FieldError("If-Match", "required")));
    }
  }

  /** 412: the If-Match ETag is not the current one. */
  public static final class PreconditionFailed extends ProblemException {
    public PreconditionFailed(String currentEtag) {
      super(412, "precondition-failed", "Precondition failed",
          "the resource has changed; its current ETag is " + currentEtag, List.of(new Problem.FieldError("If-Match", "stale")));
    }
  }
}
