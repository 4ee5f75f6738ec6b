package care.sij.catalog.domain;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintValidatorContext.ConstraintViolationBuilder.NodeBuilderCustomizableContext;
import jakarta.validation.ConstraintValidatorContext.ConstraintViolationBuilder.NodeBuilderDefinedContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules within one entry that an annotation on a single field cannot say (repeats, one of two
 * fields, one field bounded by another), checked by Bean Validation with the rest: each violation is
 * named by its JSON path, like those of the field annotations.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Coherent.Check.class)
public @interface Coherent {
  String message() default "is not coherent";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** A record that says what in it is not coherent. */
  interface Checked {
    void check(Findings findings);
  }

  /** What a check found, each with its path within the record, e.g. {@code steps[2].onRelief.skipNext}. */
  final class Findings {
    private record Finding(String path, String message) {}

    private final List<Finding> found = new ArrayList<>();

    public void add(String path, String message) {
      found.add(new Finding(path, message));
    }

    /** Each entry once, {@code key} saying when two are the same; a repeat is named at {@code field[i]} followed by {@code at}. */
    public <T> void distinct(String field, List<T> values, Function<T, Object> key, String at) {
      Set<Object> seen = new HashSet<>();
      for (int i = 0; values != null && i < values.size(); i++) {
        Object k = values.get(i) == null ? null : key.apply(values.get(i));
        if (k != null && !seen.add(k)) { // null entries are the field annotations' concern
          add(field + "[" + i + "]" + at, k instanceof String || k instanceof Enum<?> ? "repeats '" + k + "'" : "repeats an earlier entry");
        }
      }
    }

    public <T> void distinct(String field, List<T> values) {
      distinct(field, values, value -> value, "");
    }

    /** Names compared as people read them: "Clam shell" repeats "clam shell". */
    public void distinctNames(String field, List<String> names) {
      distinct(field, names, name -> name.toLowerCase(Locale.ROOT), "");
    }

    /** An optional text, when given, says something. */
    public void notBlank(String field, String text) {
      if (text != null && text.isBlank()) {
        add(field, "must not be blank");
      }
    }

    /** A statement rests on sources or on the product's own reason, never both; {@code required}: one of the two. */
    public void basis(String at, List<SourceRef> sources, String ownReason, boolean required) {
      if (sources != null && ownReason != null) {
        add(at + ".ownReason", "must be left out when sources are given: a statement rests on sources or on our own reason, not both");
      } else if (sources == null && ownReason == null && required) {
        add(at + ".sources", "is required unless ownReason says why the product adds this without a source");
      }
      notBlank(at + ".ownReason", ownReason);
      distinct(at + ".sources", sources);
    }
  }

  /** Runs a record's own check and reports what it found at the paths it names. */
  final class Check implements ConstraintValidator<Coherent, Checked> {
    @Override
    public boolean isValid(Checked value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      Findings findings = new Findings();
      value.check(findings);
      if (findings.found.isEmpty()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      findings.found.forEach(f -> report(context, f.path(), f.message()));
      return false;
    }

    /** Bean Validation keeps an index on the node after the list: steps[2].note is "steps", then "note" at index 2. */
    private static void report(ConstraintValidatorContext context, String path, String message) {
      var builder = context.buildConstraintViolationWithTemplate(literal(message));
      NodeBuilderCustomizableContext node = null;
      NodeBuilderDefinedContext indexed = null;
      Integer index = null;
      for (String segment : path.split("\\.")) {
        int bracket = segment.indexOf('[');
        String name = bracket < 0 ? segment : segment.substring(0, bracket);
        NodeBuilderCustomizableContext added = indexed != null ? indexed.addPropertyNode(name)
            : node != null ? node.addPropertyNode(name) : builder.addPropertyNode(name);
        indexed = index == null ? null : added.inIterable().atIndex(index);
        node = index == null ? added : null;
        index = bracket < 0 ? null : Integer.valueOf(segment.substring(bracket + 1, segment.length() - 1));
      }
      if (index != null) {
        (indexed != null ? indexed.addBeanNode() : node.addBeanNode()).inIterable().atIndex(index).addConstraintViolation();
      } else if (indexed != null) {
        indexed.addConstraintViolation();
      } else {
        node.addConstraintViolation();
      }
    }

    /** Messages quote input (an alias, an id): it is shown, never interpolated. */
    private static String literal(String message) {
      return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
  }
}
