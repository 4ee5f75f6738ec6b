package care.sij.common;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The one way query parameters become typed values in every service: instants, whole numbers,
 * cursors and enum values are declared with their types, and a value that does not convert gets a 400 problem naming
 * the parameter (JAX-RS itself would answer 404). Bounds are Bean Validation's or the domain's.
 */
@Provider
public class QueryParameters implements ParamConverterProvider {
  /** Carries the problem through Quarkus REST, which passes on only a WebApplicationException from a converter. */
  static final class Invalid extends WebApplicationException {
    final ProblemException.BadRequest problem;

    Invalid(String parameter, String message) {
      super(400);
      this.problem = new ProblemException.BadRequest(parameter, message);
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
    String name = Arrays.stream(annotations).filter(QueryParam.class::isInstance).map(a -> ((QueryParam) a).value())
        .findFirst().orElse(null);
    if (name == null) {
      return null;
    }
    if (type == Instant.class) {
      return (ParamConverter<T>) new Converter<>(name, QueryParameters::instant);
    }
    if (type == Integer.class || type == int.class) {
      return (ParamConverter<T>) new Converter<>(name, QueryParameters::wholeNumber);
    }
    if (type == Cursor.class) {
      return (ParamConverter<T>) new Converter<>(name, QueryParameters::cursor);
    }
    if (type.isEnum()) {
      return (ParamConverter<T>) new Converter<Object>(name, (parameter, text) -> constant((Class) type, parameter, text));
    }
    return null;
  }

  private interface Parse<T> {
    T parse(String parameter, String text);
  }

  private record Converter<T>(String parameter, Parse<T> parse) implements ParamConverter<T> {
    @Override
    public T fromString(String text) {
      return text == null || text.isBlank() ? null : parse.parse(parameter, text);
    }

    @Override
    public String toString(T value) {
      return value instanceof Cursor c ? c.encode() : value instanceof Enum<?> e ? e.name() : String.valueOf(value);
    }
  }

  private static Instant instant(String parameter, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new Invalid(parameter, "must be an ISO-8601 instant such as 2026-11-21T08:00:00Z");
    }
  }

  private static Integer wholeNumber(String parameter, String text) {
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw new Invalid(parameter, "must be a whole number");
    }
  }

  private static Cursor cursor(String parameter, String text) {
    try {
      return Cursor.decode(text);
    } catch (ProblemException.BadRequest e) {
      throw new Invalid(parameter, "is not a cursor this service returned");
    }
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String parameter, String text) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    throw new Invalid(parameter, "must be one of " + Arrays.toString(type.getEnumConstants()));
  }
}
