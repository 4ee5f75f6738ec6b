package care.sij.progress.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The day series, adherence and averages are computed in one pass over the records; they must give
 * what the definitions give, computed the plain way (every day against every record).
 */
class ProgressCalculatorTest {
  private static final Instant START = Instant.parse("2025-03-28T22:30:00Z"); // across a DST change elsewhere: days are UTC

  @Test
  void onePassFiguresEqualThePlainDefinitions() {
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(seed);
      int days = 1 + random.nextInt(400);
      List<PainEntry> entries = new ArrayList<>();
      List<ExerciseSession> sessions = new ArrayList<>();
      for (int d = 0; d < days; d++) {
        for (int k = random.nextInt(4); k > 0; k--) { // some days none, some several
          PainEntry e = new PainEntry();
          e.at = START.plus(Duration.ofDays(d)).plusSeconds(random.nextInt(86_400));
          e.score = random.nextInt(11);
          entries.add(e);
        }
        if (random.nextInt(3) > 0) {
          ExerciseSession s = new ExerciseSession();
          s.id = UUID.randomUUID();
          s.at = START.plus(Duration.ofDays(d)).plusSeconds(random.nextInt(86_400));
          s.exercises = List.of();
          sessions.add(s);
        }
      }
      Instant from = START.plusSeconds(random.nextInt(86_400 * 3));
      Instant to = START.plus(Duration.ofDays(days)).minusSeconds(random.nextInt(86_400 * 2));
      List<PainEntry> inWindow = entries.stream().filter(e -> !e.at.isBefore(from) && !e.at.isAfter(to)).toList();

      assertEquals(plainDays(inWindow, sessions, from, to), ProgressCalculator.days(inWindow, sessions, from, to), "days, seed " + seed);
      int perWeek = 1 + random.nextInt(7);
      assertEquals(plainAdherence(sessions, perWeek, from, to), ProgressCalculator.adherence(sessions, perWeek, from, to),
          "adherence, seed " + seed);
      Instant weekEnd = from.plus(Duration.ofDays(7));
      assertEquals(plainAverage(inWindow, from, weekEnd, false), ProgressCalculator.average(inWindow, from, weekEnd, false));
      assertEquals(plainAverage(inWindow, to.minus(Duration.ofDays(7)), to, true),
          ProgressCalculator.average(inWindow, to.minus(Duration.ofDays(7)), to, true));
    }
  }

  @Test
  void meansAreRoundedAsTheDoubleWouldBe() {
    for (long count = 1; count <= 400; count++) {
      for (long sum = 0; sum <= 10 * count; sum += 1 + count / 40) {
        assertEquals(ProgressCalculator.round((double) sum / count), ProgressCalculator.mean(sum, count), sum + "/" + count);
      }
    }
  }

  @Test
  void utcDayOfAnInstant() {
    for (Instant at : List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("2026-11-21T00:00:00Z"),
        Instant.parse("2026-11-20T23:59:59.999999Z"), Instant.parse("2024-02-29T12:00:00Z"))) {
      assertEquals(at.atZone(ZoneOffset.UTC).toLocalDate(), ProgressCalculator.day(at), at.toString());
    }
  }

  // --- the definitions, computed the plain way

  private static LocalDate day(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static List<ProgressCalculator.Day> plainDays(List<PainEntry> entries, List<ExerciseSession> sessions, Instant from, Instant to) {
    Map<LocalDate, List<Integer>> scores = new TreeMap<>();
    entries.forEach(e -> scores.computeIfAbsent(day(e.at), k -> new ArrayList<>()).add(e.score));
    Map<LocalDate, Long> sessionDays = sessions.stream().collect(Collectors.groupingBy(s -> day(s.at), Collectors.counting()));
    List<ProgressCalculator.Day> days = new ArrayList<>();
    for (LocalDate d = day(from); !d.isAfter(day(to)); d = d.plusDays(1)) {
      LocalDate date = d;
      List<Integer> today = scores.getOrDefault(d, List.of());
      List<Integer> week = scores.entrySet().stream().filter(x -> !x.getKey().isBefore(date.minusDays(6)) && !x.getKey().isAfter(date))
          .flatMap(x -> x.getValue().stream()).toList();
      days.add(new ProgressCalculator.Day(d, today.isEmpty() ? null : ProgressCalculator.round(today.stream().mapToInt(i -> i).average().orElseThrow()),
          today.size(), week.isEmpty() ? null : ProgressCalculator.round(week.stream().mapToInt(i -> i).average().orElseThrow()),
          sessionDays.getOrDefault(d, 0L).intValue()));
    }
    return days;
  }

  private static ProgressCalculator.Adherence plainAdherence(List<ExerciseSession> sessions, int perWeek, Instant from, Instant to) {
    List<ProgressCalculator.Week> weeks = new ArrayList<>();
    int total = 0;
    double totalTarget = 0;
    for (LocalDate start = day(from); !start.isAfter(day(to)); start = start.plusDays(7)) {
      LocalDate weekStart = start;
      LocalDate weekEnd = start.plusDays(6).isAfter(day(to)) ? day(to) : start.plusDays(6);
      int days = (int) java.time.temporal.ChronoUnit.DAYS.between(weekStart, weekEnd) + 1;
      int done = (int) sessions.stream().filter(x -> !day(x.at).isBefore(weekStart) && !day(x.at).isAfter(weekEnd)).count();
      double target = perWeek * days / 7.0;
      weeks.add(new ProgressCalculator.Week(weekStart, days, done, ProgressCalculator.round(target), ProgressCalculator.round(done / target)));
      total += done;
      totalTarget += target;
    }
    return new ProgressCalculator.Adherence(perWeek, weeks, ProgressCalculator.round(total / totalTarget));
  }

  private static ProgressCalculator.Average plainAverage(List<PainEntry> entries, Instant from, Instant to, boolean endInclusive) {
    List<PainEntry> in = entries.stream().filter(e -> endInclusive ? e.at.isAfter(from) && !e.at.isAfter(to)
        : !e.at.isBefore(from) && e.at.isBefore(to)).toList();
    return in.isEmpty() ? null
        : new ProgressCalculator.Average(ProgressCalculator.round(in.stream().mapToInt(e -> e.score).average().orElseThrow()), from, to, in.size());
  }
}
