package care.sij.progress.domain;

import care.sij.common.Problem;
import care.sij.common.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The bounds of every time a client sends: what is recorded, and the windows asked about. A time
 * outside them is a mistake (a phone's clock reset, a field left at its zero value) that would
 * otherwise be stored for ever and weigh on every figure read after it. The contract publishes them.
 */
public final class Times {
  /** No self-care record of ours predates this. */
  public static final Instant FLOOR = Instant.parse("2000-01-01T00:00:00Z");
  /** Clocks of phones drift: a little ahead of ours is not "the future". */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  /** The longest window of figures computed at once: two years and a leap day. */
  public static final Duration MAX_WINDOW = Duration.ofDays(731);

  private Times() {}

  /** A window of figures, both ends known. */
  public record Window(Instant from, Instant to) {}

  /** Refuses recorded times before the floor or in the future; {@code field} names each, e.g. "items[3].at". */
  public static void checkRecorded(List<Instant> times, IntFunction<String> field, Clock clock) {
    Instant latest = Instant.now(clock).plus(CLOCK_SKEW);
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      String problem = outOfBounds(times.get(i), latest);
      if (problem != null) {
        errors.add(new Problem.FieldError(field.apply(i), problem));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException.BadRequest(errors);
    }
  }

  /** A time from a query parameter, refused as a recorded one would be; null stays null. */
  public static Instant checkParameter(Instant time, String parameter, Clock clock) {
    String problem = time == null ? null : outOfBounds(time, Instant.now(clock).plus(CLOCK_SKEW));
    if (problem != null) {
      throw new ProblemException.BadRequest(parameter, problem);
    }
    return time;
  }

  /**
   * The window from..to of a patient's figures: {@code to} defaults to now, {@code from} to the first
   * record within {@link #MAX_WINDOW} of it. A longer window, or one that ends before it starts, is refused.
   */
  public static Window window(Instant from, Instant to, Supplier<Instant> firstRecord, Clock clock) {
    checkParameter(from, "from", clock);
    checkParameter(to, "to", clock);
    Instant end = to != null ? to : Instant.now(clock);
    if (from != null && !from.isBefore(end)) {
      throw new ProblemException.BadRequest("from", to != null ? "must be before to" : "must be before now, the default of to");
    }
    if (from != null && Duration.between(from, end).compareTo(MAX_WINDOW) > 0) {
      throw new ProblemException.BadRequest("from", "must be at most " + MAX_WINDOW.toDays() + " days before to");
    }
    Instant start = from;
    if (start == null) {
      Instant first = firstRecord.get();
      Instant earliest = end.minus(MAX_WINDOW);
      start = first == null || first.isAfter(end) ? end : first.isBefore(earliest) ? earliest : first;
    }
    return new Window(start, end);
  }

  private static String outOfBounds(Instant time, Instant latest) {
    if (time.isBefore(FLOOR)) {
      return "must not be before " + FLOOR;
    }
    return time.isAfter(latest) ? "must not be in the future" : null;
  }
}
