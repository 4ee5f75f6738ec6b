package care.sij.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 9457 problem+json. Messages are written here, never taken
 * from exceptions of libraries, so that no class name or stack trace reaches a caller.
 */
public class ProblemMapper {
  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
  private final HttpLimits limits;

  ProblemMapper(HttpLimits limits) {
    this.limits = limits;
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e.toProblem(path(uri)));
  }

  @ServerExceptionMapper
  public Response parameter(QueryParameters.Invalid e, UriInfo uri) {
    return problem(e.problem, uri);
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new Problem.FieldError(fieldName(v), v.getMessage()));
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field, ProblemMapper::compareFields));
    return respond(validation(uri, errors));
  }

  // Quarkus maps MismatchedInputException itself (as application/json): name it so this one wins.
  @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
  public Response unreadable(JsonProcessingException e, UriInfo uri) {
    if (e instanceof JsonMappingException mapping && !(e instanceof StreamReadException)) {
      String field = jsonPath(mapping);
      String message;
      if (e instanceof UnrecognizedPropertyException) {
        message = "unknown property";
      } else if (e instanceof PlainText.Refused) {
        message = PlainText.CONTROL_CHARACTERS;
      } else if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
        message = "must be one of " + java.util.Arrays.toString(format.getTargetType().getEnumConstants());
      } else if (e instanceof ValueInstantiationException) {
        message = "is not acceptable";
      } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
        message = "must be " + describe(mismatch.getTargetType());
      } else {
        message = "has the wrong type";
      }
      return respond(validation(uri, List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, message))));
    }
    return respond(Problem.of(400, "malformed-json", "Malformed JSON", "the request body is not well-formed JSON", path(uri)));
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthenticated(RuntimeException e, UriInfo uri) {
    return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .entity(Problem.unauthorized(path(uri))).build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return respond(Problem.of(403, "forbidden", "Forbidden", "the token lacks the scope this operation requires", path(uri)));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof JsonProcessingException unreadable) { // the JSON reader wraps parse errors
      return unreadable(unreadable, uri);
    }
    if (status >= 500) {
      return unexpected(e, uri);
    }
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "Error" : type.getReasonPhrase();
    String detail = switch (status) {
      case 404 -> "nothing exists at this path";
      case 405 -> "this path does not support the method used";
      case 406 -> "this resource cannot produce the media type asked for in Accept";
      case 415 -> "send the body as application/json";
      default -> title;
    };
    Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
        .entity(Problem.of(status, slug(title), title, detail, path(uri)));
    if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
      builder.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
    }
    return builder.build();
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    if (clientWentAway(e)) { // nobody gets this answer; not a failure of ours to alert operators about
      LOG.debugf("Client closed the connection before its request to %s was read", path(uri));
      return respond(Problem.of(400, "incomplete-request", "Incomplete request", "the connection closed before the body was read",
          path(uri)));
    }
    if (DatabaseDown.causes(e)) { // nothing was committed that the client was told of: a retry is safe
      LOG.warnf("Database unavailable for %s: %s", path(uri), e);
      return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", limits.retryAfterSeconds())
          .entity(Problem.of(503, "unavailable", "Service unavailable",
              "the database cannot be reached; retry after the seconds in Retry-After, with the same Idempotency-Key", path(uri)))
          .build();
    }
    String id = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected failure %s on %s", id, path(uri));
    return respond(Problem.of(500, "internal", "Internal error",
        "the service failed to handle this request; quote error id " + id + " when reporting it", path(uri)));
  }

  /** Field names in the order of the request: items[2] before items[10]. */
  static int compareFields(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      if (Character.isDigit(a.charAt(i)) && Character.isDigit(b.charAt(j))) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int byNumber = new java.math.BigInteger(a.substring(i, endA)).compareTo(new java.math.BigInteger(b.substring(j, endB)));
        if (byNumber != 0) {
          return byNumber;
        }
        i = endA;
        j = endB;
      } else if (a.charAt(i) != b.charAt(j)) {
        return Character.compare(a.charAt(i), b.charAt(j));
      } else {
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int digitsEnd(String s, int from) {
    int end = from;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean clientWentAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.vertx.core.http.HttpClosedException) {
        return true;
      }
    }
    return false;
  }

  static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  static Problem validation(UriInfo uri, List<Problem.FieldError> errors) {
    String detail = errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid";
    return Problem.of(400, "validation", "Invalid request", detail, path(uri)).withErrors(errors);
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }

  private static String slug(String title) {
    return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /**
   * "create.request.exercises[0].sets" becomes "exercises[0].sets"; a query, header or path parameter
   * is named as the caller sent it.
   */
  static String fieldName(ConstraintViolation<?> violation) {
    List<Path.Node> nodes = new ArrayList<>();
    violation.getPropertyPath().forEach(nodes::add);
    if (nodes.size() == 2 && nodes.get(0).getKind() == ElementKind.METHOD && nodes.get(1).getKind() == ElementKind.PARAMETER) {
      String httpName = httpParameterName(violation.getRootBeanClass(), nodes.get(0).as(Path.MethodNode.class),
          nodes.get(1).as(Path.ParameterNode.class).getParameterIndex());
      if (httpName != null) {
        return httpName;
      }
    }
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      Path.Node node = nodes.get(i);
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (node.getKind() == ElementKind.PARAMETER && i + 1 < nodes.size()) {
        continue; // a request body: name the field inside it, not the Java parameter
      }
      if (node.getKind() == ElementKind.CONTAINER_ELEMENT) { // an element itself: sources[1], not sources
        if (node.getIndex() != null && field.length() > 0) {
          field.append('[').append(node.getIndex()).append(']');
        }
        continue;
      }
      if (node.getIndex() != null && field.length() > 0) {
        field.append('[').append(node.getIndex()).append(']');
      }
      if (node.getName() != null) {
        if (field.length() > 0) {
          field.append('.');
        }
        field.append(node.getName());
      }
    }
    return field.length() == 0 ? "body" : field.toString();
  }

  private static String httpParameterName(Class<?> resource, Path.MethodNode method, int index) {
    for (Class<?> type = resource; type != null; type = type.getSuperclass()) {
      for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
        if (m.getName().equals(method.getName()) && java.util.Arrays.asList(m.getParameterTypes()).equals(method.getParameterTypes())) {
          for (java.lang.annotation.Annotation a : m.getParameterAnnotations()[index]) {
            if (a instanceof jakarta.ws.rs.HeaderParam h) {
              return h.value();
            } else if (a instanceof jakarta.ws.rs.QueryParam q) {
              return q.value();
            } else if (a instanceof jakarta.ws.rs.PathParam p) {
              return p.value();
            }
          }
        }
      }
    }
    return null;
  }

  private static String jsonPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class || type.isEnum()) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 date-time";
    }
    return "an object";
  }
}
