package care.sij.catalog.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The catalog's seed files, parsed and checked as a whole before anything is stored: each entry
 * by the same Bean Validation constraints as a curator's request, the links between entries by
 * {@link CatalogRules}. Every problem is reported with its file, entry and field, and any problem stops start-up.
 */
public final class SeedFiles {
  public static final String SOURCES = "seeds/sources.yaml";
  public static final String EXERCISES = "seeds/catalog/exercises.yaml";
  public static final String ROUTINES = "seeds/catalog/routines.yaml";
  public static final String TOPICS = "seeds/catalog/topics.yaml";

  /**
   * The constraints a curator's request is checked with, built here because the seed files are
   * checked before anything else runs (and in plain unit tests); messages interpolate parameters only.
   */
  private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
      .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

  private SeedFiles() {}

  /** The checked content of the seed files, in file order. */
  public record Seeds(List<Source> sources, List<Exercise> exercises, List<Routine> routines, List<Topic> topics) {}

  /** One problem in a seed file. */
  public record Problem(String file, String entry, String field, String message) {
    @Override
    public String toString() {
      return file + ": entry '" + entry + "': field '" + field + "': " + message;
    }
  }

  /** The seed files are not acceptable; the message lists every problem. */
  public static final class InvalidSeeds extends RuntimeException {
    private final transient List<Problem> problems;

    InvalidSeeds(List<Problem> problems) {
      super("the catalog seed files are invalid:\n  "
          + String.join("\n  ", problems.stream().map(Problem::toString).toList()), null, false, false);
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** The seed files copied into the build (see the pom). */
  static Seeds fromClassPath() {
    return parse(resource(SOURCES), resource(EXERCISES), resource(ROUTINES), resource(TOPICS));
  }

  private static String resource(String name) {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e.getMessage(), e);
    }
  }

  /** Parses and checks the four documents; throws {@link InvalidSeeds} naming every problem. */
  public static Seeds parse(String sourcesYaml, String exercisesYaml, String routinesYaml, String topicsYaml) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Source> sources = entries(SOURCES, sourcesYaml, Source.class, Source::id, problems);
    Map<String, Exercise> exercises = entries(EXERCISES, exercisesYaml, Exercise.class, Exercise::id, problems);
    Map<String, Routine> routines = entries(ROUTINES, routinesYaml, Routine.class, Routine::id, problems);
    for (CatalogRules.LinkViolation v : CatalogRules.links(exercises, routines, sources.keySet())) {
      problems.add(new Problem(v.kind().equals("routine") ? ROUTINES : EXERCISES, v.id(), v.field(), v.message()));
    }
    Map<String, Topic> topics = entries(TOPICS, topicsYaml, Topic.class, Topic::id, problems);
    for (CatalogRules.LinkViolation v : CatalogRules.topicLinks(topics, sources.keySet())) {
      problems.add(new Problem(TOPICS, v.id(), v.field(), v.message()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidSeeds(problems);
    }
    return new Seeds(List.copyOf(sources.values()), List.copyOf(exercises.values()), List.copyOf(routines.values()),
        List.copyOf(topics.values()));
  }

  private static <T> Map<String, T> entries(String file, String yaml, Class<T> type, Function<T, String> idOf, List<Problem> problems) {
    Map<String, T> entries = new LinkedHashMap<>();
    JsonNode root;
    try {
      root = CatalogJson.YAML.readTree(yaml == null ? "" : yaml);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      problems.add(new Problem(file, "-", "-", "is not readable YAML (line " + line + "): " + e.getOriginalMessage()));
      return entries;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return entries;
    }
    if (!root.isArray()) {
      problems.add(new Problem(file, "-", "-", "must be a list of entries"));
      return entries;
    }
    for (int i = 0; i < root.size(); i++) {
      JsonNode node = root.get(i);
      String entry = node.path("id").isTextual() ? node.path("id").asText() : "#" + (i + 1);
      T value;
      try {
        value = CatalogJson.YAML.treeToValue(node, type);
      } catch (JsonMappingException e) {
        problems.add(new Problem(file, entry, path(e), explain(e)));
        continue;
      } catch (JsonProcessingException e) {
        problems.add(new Problem(file, entry, "-", "is not readable: " + e.getOriginalMessage()));
        continue;
      }
      if (value == null) {
        problems.add(new Problem(file, entry, "-", "is empty"));
        continue;
      }
      VALIDATOR.validate(value).stream()
          .map(v -> new Problem(file, entry, field(v), v.getMessage()))
          .sorted(Comparator.comparing(Problem::field))
          .forEach(problems::add);
      String id = idOf.apply(value);
      if (id != null && entries.putIfAbsent(id, value) != null) {
        problems.add(new Problem(file, entry, "id", "is used by an earlier entry too"));
      }
    }
    return entries;
  }

  /** The field as a request names it: {@code steps[2].onRelief.skipNext}. */
  private static String field(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getIndex() != null) {
        field.append('[').append(node.getIndex()).append(']');
      }
      if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
        field.append(field.length() > 0 ? "." : "").append(node.getName());
      }
    }
    return field.length() == 0 ? "-" : field.toString();
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "-" : path.toString();
  }

  private static String explain(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "is not a known field";
    }
    if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
      return "'" + format.getValue() + "' is not one of " + Arrays.toString(format.getTargetType().getEnumConstants());
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> target = mismatch.getTargetType();
      String expected = Number.class.isAssignableFrom(target) || target.isPrimitive() ? "a number"
          : target == String.class ? "a text"
          : target == Boolean.class ? "true or false"
          : List.class.isAssignableFrom(target) ? "a list"
          : target.isEnum() ? "one of " + Arrays.toString(target.getEnumConstants())
          : "a mapping";
      return "must be " + expected;
    }
    return "has the wrong type";
  }
}
