package care.sij.progress.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The figures a clinician reads, from a patient's entries and sessions in a window. Pure: no clock,
 * no database. Days are UTC days. A change is clinically meaningful at 2 points or 30% of baseline.
 */
public final class ProgressCalculator {
  static final Duration WEEK = Duration.ofDays(7);
  static final double MEANINGFUL_POINTS = 2.0;
  static final double MEANINGFUL_SHARE = 0.30;
  static final int FLAG_RISE = 2;

  private ProgressCalculator() {}

  public record Average(BigDecimal value, Instant from, Instant to, int entries) {}

  public record Change(BigDecimal points, BigDecimal percent, boolean clinicallyMeaningful, String direction) {}

  public record Week(LocalDate start, int days, int sessions, BigDecimal target, BigDecimal adherence) {}

  public record Adherence(int targetPerWeek, List<Week> weeks, BigDecimal overall) {}

  public record FlaggedSession(UUID sessionId, Instant at, int painBefore, int painDuring, int rise) {}

  public record FlaggedExercise(String exerciseId, List<FlaggedSession> sessions) {}

  public record Day(LocalDate date, BigDecimal average, int entries, BigDecimal rolling7, int sessions) {}

  public record Summary(Instant from, Instant to, int entries, int sessions, Average baseline, Average latest, Change change,
      Adherence adherence, int streakDays, List<FlaggedExercise> flaggedExercises, List<Day> days) {}

  /**
   * @param from start of the window; null: the first entry or session
   * @param to end of the window (inclusive)
   */
  public static Summary compute(List<PainEntry> allEntries, List<ExerciseSession> allSessions, Integer sessionsPerWeek,
      Instant from, Instant to) {
    Instant start = from != null ? from : earliest(allEntries, allSessions, to);
    List<PainEntry> entries = allEntries.stream().filter(e -> !e.at.isBefore(start) && !e.at.isAfter(to))
        .sorted(Comparator.comparing((PainEntry e) -> e.at)).toList();
    List<ExerciseSession> sessions = allSessions.stream().filter(s -> !s.at.isBefore(start) && !s.at.isAfter(to))
        .sorted(Comparator.comparing((ExerciseSession s) -> s.at)).toList();

    Average baseline = null;
    Average latest = null;
    if (!entries.isEmpty()) {
      Window baselineWeek = baselineWeek(entries.get(0).at);
      Window latestWeek = latestWeek(to);
      baseline = average(entries, baselineWeek.from(), baselineWeek.to(), false);
      latest = average(entries, latestWeek.from(), latestWeek.to(), true);
    }
    Trend trend = trend(baseline, latest);
    return new Summary(start, to, entries.size(), sessions.size(), trend.baseline(), trend.latest(), trend.change(),
        sessionsPerWeek == null ? null : adherence(sessions, sessionsPerWeek, start, to),
        streak(sessions, to), flagged(sessions), days(entries, sessions, start, to));
  }

  /** The baseline (first 7 days of entries), the latest 7 days and the change between them, when both have entries. */
  public record Trend(Average baseline, Average latest, Change change) {}

  /** A span of time: [from, to) for the baseline week, (from, to] for the latest. */
  record Window(Instant from, Instant to) {}

  /** The baseline: the first 7 days of entries, from the first. */
  static Window baselineWeek(Instant first) {
    return new Window(first, first.plus(WEEK));
  }

  /** The latest 7 days, up to the end of the figures. */
  static Window latestWeek(Instant to) {
    return new Window(to.minus(WEEK), to);
  }

  /** The trend from the count and sum of the scores in each week, as a write's figures read them. */
  static Trend trend(Window baseline, long baselineCount, long baselineSum, Window latest, long latestCount, long latestSum) {
    return trend(average(baselineSum, baselineCount, baseline.from(), baseline.to()),
        average(latestSum, latestCount, latest.from(), latest.to()));
  }

  /** The trend from the two averages; its change only when both exist. */
  static Trend trend(Average baseline, Average latest) {
    return new Trend(baseline, latest, baseline == null || latest == null ? null
        : change(baseline.value().doubleValue(), latest.value().doubleValue()));
  }

  /** Mean score of the entries in [from, to) (or (from, to] for the latest week). */
  static Average average(List<PainEntry> entries, Instant from, Instant to, boolean endInclusive) {
    long sum = 0;
    long count = 0;
    for (PainEntry e : entries) {
      if (endInclusive ? e.at.isAfter(from) && !e.at.isAfter(to) : !e.at.isBefore(from) && e.at.isBefore(to)) {
        sum += e.score;
        count++;
      }
    }
    return average(sum, count, from, to);
  }

  /** The mean of {@code count} scores adding up to {@code sum} (null when there are none), e.g. as summed by the database. */
  static Average average(long sum, long count, Instant from, Instant to) {
    return count == 0 ? null : new Average(mean(sum, count), from, to, (int) count);
  }

  /**
   * sum / count rounded half up to 2 decimals: what {@code round((double) sum / count)} gives (a
   * rounding boundary is at least 1/(200 count) away from the exact mean, far more than the double's
   * error, for any count below 10^12), without formatting a double.
   */
  static BigDecimal mean(long sum, long count) {
    return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
  }

  static Change change(double baseline, double latest) {
    double points = latest - baseline;
    Double percent = baseline == 0 ? null : points / baseline * 100;
    boolean meaningful = Math.abs(points) >= MEANINGFUL_POINTS - 1e-9
        || (percent != null && Math.abs(percent) >= MEANINGFUL_SHARE * 100 - 1e-9);
    String direction = !meaningful ? "unchanged" : points < 0 ? "improved" : "worsened";
    return new Change(round(points), percent == null ? null : round(percent), meaningful, direction);
  }

  /** The score a meaningful improvement must reach: 2 points or 30% below baseline, whichever comes first. */
  public static double meaningfulImprovementLine(double baseline) {
    return baseline - Math.min(MEANINGFUL_POINTS, baseline * MEANINGFUL_SHARE);
  }

  static Adherence adherence(List<ExerciseSession> sessions, int perWeek, Instant from, Instant to) {
    LocalDate first = day(from);
    LocalDate last = day(to);
    Map<LocalDate, Integer> perDay = new HashMap<>();
    sessions.forEach(x -> perDay.merge(day(x.at), 1, Integer::sum));
    List<Week> weeks = new ArrayList<>();
    int totalSessions = 0;
    double totalTarget = 0;
    for (LocalDate weekStart = first; !weekStart.isAfter(last); weekStart = weekStart.plusDays(7)) {
      LocalDate weekEnd = weekStart.plusDays(6).isAfter(last) ? last : weekStart.plusDays(6);
      int days = (int) ChronoUnit.DAYS.between(weekStart, weekEnd) + 1;
      int done = 0;
      for (LocalDate d = weekStart; !d.isAfter(weekEnd); d = d.plusDays(1)) {
        done += perDay.getOrDefault(d, 0);
      }
      double target = perWeek * days / 7.0;
      weeks.add(new Week(weekStart, days, done, round(target), round(done / target)));
      totalSessions += done;
      totalTarget += target;
    }
    return new Adherence(perWeek, weeks, round(totalSessions / totalTarget));
  }

  /** Consecutive days with a session, up to the last day; a last day without one yet does not break it. */
  static int streak(List<ExerciseSession> sessions, Instant to) {
    Set<LocalDate> days = sessions.stream().map(s -> day(s.at)).collect(Collectors.toSet());
    LocalDate d = day(to);
    if (!days.contains(d)) {
      d = d.minusDays(1);
    }
    int streak = 0;
    while (days.contains(d)) {
      streak++;
      d = d.minusDays(1);
    }
    return streak;
  }

  /** Exercises during which pain rose by 2 points or more above the session's starting pain. */
  static List<FlaggedExercise> flagged(List<ExerciseSession> sessions) {
    Map<String, List<FlaggedSession>> flagged = new LinkedHashMap<>();
    for (ExerciseSession s : sessions) {
      if (s.painBefore == null) {
        continue;
      }
      for (ExerciseSession.ExerciseDone e : s.exercises) {
        // a single-exercise session without a reading during it: its pain after stands for it
        Integer during = e.painDuring() != null ? e.painDuring() : s.exercises.size() == 1 ? s.painAfter : null;
        if (during != null && during - s.painBefore >= FLAG_RISE) {
          flagged.computeIfAbsent(e.exerciseId(), k -> new ArrayList<>())
              .add(new FlaggedSession(s.id, s.at, s.painBefore, during, during - s.painBefore));
        }
      }
    }
    return flagged.entrySet().stream().map(f -> new FlaggedExercise(f.getKey(), List.copyOf(f.getValue()))).toList();
  }

  /** One row per UTC day from..to: the day's mean score, its entries, the mean of its 7 days up to it, its sessions. */
  static List<Day> days(List<PainEntry> entries, List<ExerciseSession> sessions, Instant from, Instant to) {
    Map<LocalDate, long[]> scores = new HashMap<>(); // day: {sum, count}
    for (PainEntry e : entries) {
      long[] day = scores.computeIfAbsent(day(e.at), k -> new long[2]);
      day[0] += e.score;
      day[1]++;
    }
    Map<LocalDate, Integer> sessionDays = new HashMap<>();
    sessions.forEach(s -> sessionDays.merge(day(s.at), 1, Integer::sum));
    LocalDate first = day(from);
    long weekSum = 0; // over the 7 days up to the current one
    long weekCount = 0;
    for (LocalDate d = first.minusDays(6); d.isBefore(first); d = d.plusDays(1)) {
      long[] day = scores.get(d);
      if (day != null) {
        weekSum += day[0];
        weekCount += day[1];
      }
    }
    List<Day> days = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(day(to)); d = d.plusDays(1)) {
      long[] today = scores.get(d);
      if (today != null) {
        weekSum += today[0];
        weekCount += today[1];
      }
      days.add(new Day(d, today == null ? null : mean(today[0], today[1]), today == null ? 0 : (int) today[1],
          weekCount == 0 ? null : mean(weekSum, weekCount), sessionDays.getOrDefault(d, 0)));
      long[] leaving = scores.get(d.minusDays(6));
      if (leaving != null) {
        weekSum -= leaving[0];
        weekCount -= leaving[1];
      }
    }
    return days;
  }

  private static Instant earliest(List<PainEntry> entries, List<ExerciseSession> sessions, Instant fallback) {
    return java.util.stream.Stream.concat(entries.stream().map(e -> e.at), sessions.stream().map(s -> s.at))
        .min(Comparator.naturalOrder()).orElse(fallback);
  }

  /** The UTC day of an instant (what at.atZone(UTC).toLocalDate() gives, without the zone lookup). */
  static LocalDate day(Instant at) {
    return LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), 86_400L));
  }

  static BigDecimal round(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }
}
