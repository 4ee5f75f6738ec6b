package care.sij.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The load generators: wrk against a service, pgbench against the database. */
final class Load {
  private Load() {}

  /**
   * What one load run gave: throughput, latency (ms) of all answers and of those not refused, answers
   * refused for load (503, not failures), and failures.
   */
  record Figures(double perSecond, double p50, double p99, double acceptedP99, long requests, long refused, long errors,
      String errorDetail) {}

  private static final Pattern WRK_RESULT = Pattern.compile("BENCH-RESULT (.*)");

  /** Runs wrk with the bench script and the case's requests; its whole output is kept next to the script. */
  static Figures wrk(Path dir, String name, String baseUrl, String token, List<Http.Call> calls, int connections, int seconds)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path script = dir.resolve(name + ".lua");
    Files.writeString(script, luaCase(token, calls) + script());
    // a thread per connection: the script then knows which request each answer is for (bench.lua)
    List<String> command = List.of("wrk", "-t", Integer.toString(connections), "-c", Integer.toString(connections),
        "-d", seconds + "s", "--timeout", "5s", "--latency", "-s", script.toString(), baseUrl);
    String output = run(command, dir, dir.resolve(name + "-c" + connections + ".out"), seconds + 60);
    Matcher m = WRK_RESULT.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("wrk gave no result for " + name + ":\n" + output);
    }
    Map<String, Double> v = new HashMap<>();
    for (String kv : m.group(1).trim().split(" ")) {
      String[] p = kv.split("=");
      v.put(p[0], Double.parseDouble(p[1]));
    }
    long requests = v.get("requests").longValue();
    long socket = (long) (v.get("connect") + v.get("read") + v.get("write") + v.get("timeout"));
    long status = v.get("status").longValue();
    String detail = socket + status == 0 ? "" : String.format("%d HTTP >= 400, %d connect, %d read, %d write, %d timeout",
        status, v.get("connect").longValue(), v.get("read").longValue(), v.get("write").longValue(), v.get("timeout").longValue());
    long refused = v.get("refused").longValue();
    return new Figures((requests - refused) / (v.get("duration_us") / 1e6), v.get("p50_us") / 1000, v.get("p99_us") / 1000,
        v.get("accepted_p99_us") / 1000, requests, refused, socket + status, detail);
  }

  /** The case as the Lua table the bench script reads. */
  private static String luaCase(String token, List<Http.Call> calls) {
    StringBuilder lua = new StringBuilder("CASE = {\n  token = ").append(token == null ? "nil" : lua(token)).append(",\n  requests = {\n");
    for (Http.Call c : calls) {
      lua.append("    {method = ").append(lua(c.method())).append(", path = ").append(lua(c.path()))
          .append(", body = ").append(c.body() == null ? "nil" : lua(c.body()))
          .append(", accept = ").append(c.accept() == null ? "nil" : lua(c.accept())).append("},\n");
    }
    return lua.append("  }\n}\n\n").toString();
  }

  /** A Lua string literal: printable ASCII as is, everything else as decimal byte escapes. */
  static String lua(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append('\\').append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String script() throws IOException {
    try (InputStream in = Load.class.getResourceAsStream("bench.lua")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A database to run pgbench against, as the given role. */
  record Database(String host, int port, String name, String user, String password) {
    static Database of(String jdbcUrl, String user, String password) {
      Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*").matcher(jdbcUrl);
      if (!m.matches()) {
        throw new IllegalArgumentException("cannot read host, port and database from " + jdbcUrl);
      }
      return new Database(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)), m.group(3), user, password);
    }
  }

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");
  private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");

  /**
   * Runs pgbench with a custom script (prepared statements, as the JDBC driver does) and reads its
   * per-transaction log (every tenth transaction) for the latency percentiles.
   */
  static Figures pgbench(Path dir, String name, Database db, String sql, int clients, int seconds)
      throws IOException, InterruptedException {
    Path runDir = Files.createDirectories(dir.resolve(name + "-c" + clients));
    try (var old = Files.list(runDir)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    Path script = dir.resolve(name + ".sql");
    Files.writeString(script, sql);
    int threads = Math.min(clients, Math.max(1, Runtime.getRuntime().availableProcessors()));
    List<String> command = List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j", Integer.toString(threads),
        "-T", Integer.toString(seconds), "-f", script.toString(), "-l", "--sampling-rate=0.1",
        "-h", db.host(), "-p", Integer.toString(db.port()), "-U", db.user(), db.name());
    String output = run(command, runDir, dir.resolve(name + "-c" + clients + ".out"), seconds + 60, Map.of("PGPASSWORD", db.password()));
    Matcher tps = TPS.matcher(output);
    Matcher processed = PROCESSED.matcher(output);
    if (!tps.find() || !processed.find()) {
      throw new IllegalStateException("pgbench gave no result:\n" + output);
    }
    Matcher failed = FAILED.matcher(output);
    long failures = failed.find() ? Long.parseLong(failed.group(1)) : 0;
    List<Long> latencies = new ArrayList<>();
    try (var logs = Files.list(runDir)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("pgbench_log")).toList()) {
        for (String line : Files.readAllLines(log)) {
          String[] f = line.trim().split(" +");
          if (f.length >= 3 && !f[2].equals("failed") && !f[2].equals("skipped")) {
            latencies.add(Long.parseLong(f[2]));
          }
        }
      }
    }
    latencies.sort(null);
    double p99 = percentile(latencies, 99) / 1000;
    return new Figures(Double.parseDouble(tps.group(1)), percentile(latencies, 50) / 1000, p99, p99,
        Long.parseLong(processed.group(1)), 0, failures, failures == 0 ? "" : failures + " failed transactions");
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static String run(List<String> command, Path dir, Path outputFile, int timeoutSeconds) throws IOException, InterruptedException {
    return run(command, dir, outputFile, timeoutSeconds, Map.of());
  }

  private static String run(List<String> command, Path dir, Path outputFile, int timeoutSeconds, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(outputFile.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
    }
    String output = Files.readString(outputFile);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
    }
    return output;
  }
}
