package care.sij.adversarial.fuzz;

import care.sij.adversarial.fuzz.Contracts.Operation;
import care.sij.adversarial.fuzz.Oracle.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counts of a fuzz run, per operation and in total, and the first (shrunk) reproduction of each kind of failure. */
final class FuzzSummary {
  /** Counters of one operation. */
  static final class Tally {
    final Operation op;
    int requests;
    int validTries;
    int mutatedTries;
    int overloaded;
    int validAccepted;
    int validRefused;
    int mutatedRefused;
    int mutatedAccepted;
    final Map<Kind, Integer> findings = new EnumMap<>(Kind.class);

    Tally(Operation op) {
      this.op = op;
    }

    int count(Kind kind) {
      return findings.getOrDefault(kind, 0);
    }
  }

  /** A kind of failure on one operation: how often, and its smallest reproduction. */
  record Failure(String operation, String mutation, Kind kind, String detail, String reproduction) {}

  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final Map<String, Failure> failures = new LinkedHashMap<>();
  private final Map<String, Integer> failureCounts = new LinkedHashMap<>();
  private final long seed;
  private final int validTries;
  private final int mutatedTries;

  FuzzSummary(long seed, int validTries, int mutatedTries) {
    this.seed = seed;
    this.validTries = validTries;
    this.mutatedTries = mutatedTries;
  }

  synchronized Tally tally(Operation op) {
    return tallies.computeIfAbsent(op.service() + " " + op.id(), k -> new Tally(op));
  }

  /** Counts a failure; true the first time this kind shows on this operation for this mutation, when it deserves shrinking. */
  synchronized boolean isNew(Operation op, String mutation, Kind kind) {
    String key = key(op, mutation, kind);
    return failureCounts.merge(key, 1, Integer::sum) == 1;
  }

  synchronized void record(Failure failure, Operation op) {
    failures.put(key(op, failure.mutation(), failure.kind()), failure);
  }

  private static String key(Operation op, String mutation, Kind kind) {
    return op.id() + "|" + mutation + "|" + kind;
  }

  synchronized List<String> failuresOf(boolean valid) {
    List<String> lines = new ArrayList<>();
    failures.forEach((key, f) -> {
      if (f.mutation().equals("valid") == valid) {
        lines.add(line(key, f));
      }
    });
    return lines;
  }

  private String line(String key, Failure f) {
    return "- **" + f.operation() + "** `" + f.mutation() + "`: " + f.kind().label + " x" + failureCounts.get(key) + " (" + f.detail() + ")\n"
        + "  ```\n" + f.reproduction().indent(2) + "  ```";
  }

  synchronized String markdown() {
    StringBuilder md = new StringBuilder("# Contract fuzzing: summary\n\n");
    md.append("Seed ").append(seed).append(" (-Dadversarial.fuzz.seed), ").append(validTries).append(" valid and ").append(mutatedTries)
        .append(" mutated tries per operation (-Dadversarial.fuzz.valid-tries, -Dadversarial.fuzz.mutated-tries), ")
        .append(tallies.size()).append(" operations, finished ").append(Instant.now()).append(".\n\n");
    md.append("| service | operation | tries valid / mutated | requests | 5xx | 503 + Retry-After | no answer | 4xx not problem+json | stored on 4xx "
        + "| valid accepted | valid refused | mutated refused | mutation accepted | wrong 4xx | field not named or wrong message |\n");
    md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    int[] total = new int[12];
    for (Tally t : tallies.values()) {
      int[] row = {t.requests, t.count(Kind.SERVER_ERROR), t.overloaded, t.count(Kind.NO_ANSWER), t.count(Kind.NOT_PROBLEM),
          t.count(Kind.STORED), t.validAccepted, t.validRefused, t.mutatedRefused, t.mutatedAccepted, t.count(Kind.WRONG_STATUS),
          t.count(Kind.FIELD_NOT_NAMED) + t.count(Kind.WRONG_MESSAGE)};
      md.append("| ").append(t.op.service()).append(" | ").append(t.op.method()).append(' ').append(t.op.path()).append(" (")
          .append(t.op.id()).append(") | ").append(t.validTries).append(" / ").append(t.mutatedTries);
      for (int i = 0; i < row.length; i++) {
        md.append(" | ").append(row[i]);
        total[i] += row[i];
      }
      md.append(" |\n");
    }
    md.append("| **total** | | ").append(tallies.values().stream().mapToInt(t -> t.validTries).sum()).append(" / ")
        .append(tallies.values().stream().mapToInt(t -> t.mutatedTries).sum());
    for (int v : total) {
      md.append(" | **").append(v).append("**");
    }
    md.append(" |\n\n");
    md.append("Requests count every request the fuzzer sent (tries, retries after a 503 and shrinking), not fixtures' nor readbacks'. ")
        .append("A mutation is accepted when its request had to be refused and got a 2xx or 3xx.\n\n");
    md.append("## Failures by cause\n\n| failure | mutation | operations | occurrences |\n|---|---|--:|--:|\n");
    Map<String, int[]> causes = new LinkedHashMap<>();
    failureCounts.forEach((key, count) -> {
      String[] parts = key.split("\\|", 3);
      int[] c = causes.computeIfAbsent(Kind.valueOf(parts[2]).label + " | `" + parts[1] + "`", k -> new int[2]);
      c[0]++;
      c[1] += count;
    });
    causes.entrySet().stream().sorted((a, b) -> b.getValue()[1] - a.getValue()[1])
        .forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()[0]).append(" | ").append(e.getValue()[1]).append(" |\n"));
    md.append("\n## Failures, first occurrence of each, shrunk\n\n");
    List<String> all = new ArrayList<>(failuresOf(true));
    all.addAll(failuresOf(false));
    md.append(all.isEmpty() ? "None.\n" : String.join("\n", all) + "\n");
    return md.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, markdown());
  }
}
