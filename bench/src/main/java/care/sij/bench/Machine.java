package care.sij.bench;

import care.sij.launcher.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the figures were measured on, and a process's resident memory. */
final class Machine {
  private Machine() {}

  /** VmRSS and VmHWM (peak) of a process, in kB, from /proc/PID/status. */
  static long[] memoryKb(long pid) throws IOException {
    long rss = -1;
    long peak = -1;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kb(line);
      } else if (line.startsWith("VmHWM:")) {
        peak = kb(line);
      }
    }
    return new long[] {rss, peak};
  }

  private static long kb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** CPU time used so far (user + system), in clock ticks, of a process; 0 when it is gone. */
  static long cpuTicks(long pid) {
    try {
      return ticks(statFields(Files.readString(Path.of("/proc/" + pid + "/stat"))));
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** CPU time used so far by a JVM's JIT compiler threads (C1 and C2), in clock ticks; 0 when it is gone. */
  static long compilerTicks(long pid) {
    long ticks = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            ticks += ticks(statFields(stat));
          }
        } catch (IOException | RuntimeException gone) {
          // a compiler thread that stopped meanwhile (HotSpot adds and removes them with the load)
        }
      }
    } catch (IOException gone) {
      // the process is gone: what was counted stands
    }
    return ticks;
  }

  /** The fields of a /proc stat line after the command's name: [0] is field 3 (state), [1] the parent's pid. */
  private static String[] statFields(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  /** User plus system CPU time, in clock ticks, of {@link #statFields}. */
  private static long ticks(String[] fields) {
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** CPU time used so far by a PostgreSQL server and its backends, in clock ticks (backends that have exited are not counted). */
  static long postgresTicks(long postmasterPid) {
    long ticks = cpuTicks(postmasterPid);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String[] f = statFields(Files.readString(proc.resolve("stat")));
          if (Long.parseLong(f[1]) == postmasterPid) {
            ticks += ticks(f);
          }
        } catch (IOException | RuntimeException gone) {
          // exited meanwhile
        }
      }
    } catch (IOException e) {
      return ticks;
    }
    return ticks;
  }

  /**
   * The whole machine's CPU time so far, in clock ticks: busy (steal included), in all, and stolen
   * (time the hypervisor ran other guests while this one had work).
   */
  record Ticks(long busy, long total, long steal) {
    /** The shares of busy and stolen time between an earlier reading and this one (0 when no time passed). */
    double busyShareSince(Ticks earlier) {
      return share(busy - earlier.busy, earlier);
    }

    double stealShareSince(Ticks earlier) {
      return share(steal - earlier.steal, earlier);
    }

    private double share(long ticks, Ticks earlier) {
      long elapsed = total - earlier.total;
      return elapsed <= 0 ? 0 : ticks / (double) elapsed;
    }
  }

  /** The machine's {@link Ticks} so far, from /proc/stat; all 0 when it cannot be read. */
  static Ticks machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new Ticks(total - idle, total, f.length > 8 ? Long.parseLong(f[8]) : 0);
    } catch (IOException | RuntimeException e) {
      return new Ticks(0, 0, 0);
    }
  }

  /** Milliseconds per clock tick (USER_HZ is 100 on Linux). */
  static final double MS_PER_TICK = 10.0;

  /** Cores, memory, OS, JDK, Quarkus, PostgreSQL and the load generators, as name and value. */
  static Map<String, String> describe(Path root, Postgres.Admin admin) {
    Map<String, String> m = new LinkedHashMap<>();
    String model = firstMatch(Path.of("/proc/cpuinfo"), "model name");
    m.put("CPU", Runtime.getRuntime().availableProcessors() + " cores" + (model == null ? "" : " (" + model + ")"));
    String mem = firstMatch(Path.of("/proc/meminfo"), "MemTotal");
    m.put("memory", mem == null ? "?" : String.format("%.1f GiB", Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0));
    m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
    m.put("JDK of the load driver", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("Quarkus", quarkusVersion(root));
    try (Connection c = admin.connect(); Statement s = c.createStatement()) {
      ResultSet v = s.executeQuery("SELECT split_part(version(), ' on ', 1), current_setting('fsync'), "
          + "current_setting('synchronous_commit'), current_setting('shared_buffers'), current_setting('max_connections')");
      v.next();
      m.put("PostgreSQL", v.getString(1) + " on loopback; fsync=" + v.getString(2) + ", synchronous_commit=" + v.getString(3)
          + ", shared_buffers=" + v.getString(4) + ", max_connections=" + v.getString(5));
    } catch (Exception e) {
      m.put("PostgreSQL", "? (" + e.getMessage() + ")");
    }
    m.put("load generators", firstLine("wrk", "--version") + "; " + firstLine("pgbench", "--version"));
    return m;
  }

  private static String quarkusVersion(Path root) {
    // a legacy jar keeps its libraries flat in lib/, a fast jar in lib/boot and lib/main
    try (Stream<Path> libs = Files.walk(root.resolve("catalog-service/target/quarkus-app/lib"), 2)) {
      return libs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("io.quarkus.quarkus-core-"))
          .map(n -> n.substring("io.quarkus.quarkus-core-".length(), n.length() - ".jar".length())).findFirst().orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String firstMatch(Path file, String key) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static String firstLine(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return out.lines().findFirst().orElse("?").replaceAll("\\s+Copyright.*", "");
    } catch (IOException | InterruptedException e) {
      return command[0] + " ?";
    }
  }
}
