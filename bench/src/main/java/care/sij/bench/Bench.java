package care.sij.bench;

import care.sij.launcher.DevKey;
import care.sij.launcher.Repository;
import care.sij.launcher.ServiceSchemas;
import care.sij.launcher.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The benchmark ({@code ./bench/run}): starts the suite with the run command's launcher against a
 * throwaway PostgreSQL, each service alone so that its start-up is its own; seeds it; measures each
 * case with wrk at each connection count after a warm-up, next to its ceiling (the service's
 * /q/health/live on its management port, or pgbench doing the pain entry's INSERT); writes bench/results/latest.md. Exits
 * 1 when any request failed, 2 on a bad command line.
 */
public final class Bench {
  /** What a case's throughput is held against. */
  enum Ceiling { HEALTH, DATABASE }

  /** One thing measured: a service's endpoint with its requests. */
  record Case(String name, String service, String what, Ceiling ceiling, Supplier<List<Http.Call>> calls) {}

  /** A case's figures at one connection count, with its ceiling's throughput at the same count. */
  record Result(Case c, int connections, Load.Figures figures, Double ceiling, Cpu cpu, int warmupSeconds) {
    Double ratio() {
      return ceiling == null || ceiling == 0 ? null : figures.perSecond() / ceiling;
    }
  }

  /**
   * CPU used during a run, per request, in ms: by the service's process and by PostgreSQL (server
   * and backends; null when it is not ours to see); how busy the whole machine was, and how much of
   * its time the hypervisor gave to other guests (0 to 1 each).
   */
  record Cpu(Double serviceMs, Double databaseMs, double machineBusy, double machineSteal) {
    /** The machine's figures only, for a run whose processes' CPU cannot be counted. */
    Cpu machineOnly() {
      return new Cpu(null, null, machineBusy, machineSteal);
    }
  }

  /** CPU counters at the start of a run. */
  private record CpuMark(long service, long database, Machine.Ticks machine) {}

  /** A service's instances by its first one's pid: a service's CPU is that of all its replicas. */
  private final Map<Long, List<Long>> replicaPids = new LinkedHashMap<>();

  private static String instanceName(Suite suite, Suite.Started s) {
    return s.service().name() + (suite.replicas() > 1 ? "-" + s.replica() : "");
  }

  private long serviceTicks(long servicePid) {
    return replicaPids.getOrDefault(servicePid, List.of(servicePid)).stream().mapToLong(Machine::cpuTicks).sum();
  }

  private CpuMark cpuMark(long servicePid) {
    long postmaster = postmasterPid();
    return new CpuMark(servicePid > 0 ? serviceTicks(servicePid) : 0, postmaster > 0 ? Machine.postgresTicks(postmaster) : 0,
        Machine.machineTicks());
  }

  private Cpu cpuSince(CpuMark mark, long servicePid, long requests) {
    long postmaster = postmasterPid();
    Machine.Ticks machine = Machine.machineTicks();
    Double service = servicePid > 0 && requests > 0
        ? (serviceTicks(servicePid) - mark.service()) * Machine.MS_PER_TICK / requests : null;
    Double database = postmaster > 0 && requests > 0
        ? (Machine.postgresTicks(postmaster) - mark.database()) * Machine.MS_PER_TICK / requests : null;
    return new Cpu(service, database, machine.busyShareSince(mark.machine()), machine.stealShareSince(mark.machine()));
  }

  /** The throwaway cluster's server process, when it is ours (not SIJ_PG_URL or a container). */
  private long postmasterPid() {
    try {
      return Long.parseLong(Files.readAllLines(work.resolve("postgres/postmaster.pid")).get(0).trim());
    } catch (Exception notOurs) {
      return -1;
    }
  }

  /** A service's start-up and resident memory (kB). */
  record Footprint(String service, Duration startup, long rssIdleKb, long rssAfterKb, long rssPeakKb) {}

  static final String DB_CEILING = "database: pgbench INSERT pain_entry";

  public static void main(String[] args) {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (Settings.Usage | NumberFormatException e) {
      if (e.getMessage() != null) {
        System.err.println(e.getMessage());
      }
      System.err.println(Settings.USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    int exit;
    try {
      exit = new Bench(settings, Repository.root()).run();
    } catch (Exception e) {
      System.err.println("\nThe benchmark stopped: " + e.getMessage());
      e.printStackTrace();
      exit = 1;
    }
    System.exit(exit);
  }

  private final Settings settings;
  private final Path root;
  private final Path work;
  private final List<Result> results = new ArrayList<>();
  private final Map<String, Footprint> footprints = new LinkedHashMap<>();

  private Bench(Settings settings, Path root) {
    this.settings = settings;
    this.root = root;
    this.work = root.resolve("bench/target/run");
  }

  private int run() throws Exception {
    prepareWorkDir();
    List<String> jvm = new ArrayList<>(Suite.RATE_LIMITS_OUT_OF_REACH); // one client at full speed is what it measures
    jvm.addAll(settings.jvmOptions());
    if (settings.jfr()) {
      Path jfr = Files.createDirectories(work.resolve("jfr"));
      jvm.add("-XX:FlightRecorderOptions:stackdepth=256");
      jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
    }
    Suite.Options options = new Suite.Options(root, work, false, settings.portOffset(), Suite.serviceJvmOptions(jvm), true,
        settings.aot(), line -> System.out.println(line)).withReplicas(settings.replicas());
    Suite suite = new Suite(options);
    Thread stopper = new Thread(suite::close, "bench-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      suite.start();
      Thread.sleep(1000); // let each JVM settle after start-up before its idle memory is read
      Map<String, long[]> idle = new LinkedHashMap<>();
      for (Suite.Started s : suite.services()) {
        idle.put(instanceName(suite, s), Machine.memoryKb(s.pid()));
        System.out.printf("%s-service ready in %.2f s, RSS %d MB%n", instanceName(suite, s), s.startup().toMillis() / 1000.0,
            idle.get(instanceName(suite, s))[0] / 1024);
        replicaPids.computeIfAbsent(suite.service(s.service().name()).pid(), first -> new ArrayList<>()).add(s.pid());
      }
      String token = DevKey.forTenant(DataSet.TENANT, DevKey.ALL_SCOPES, Duration.ofHours(2));
      Http http = new Http(token);
      String catalog = suite.url("catalog");
      String triage = suite.url("triage");
      String progress = suite.url("progress");
      DataSet data = DataSet.seed(settings, http, catalog, triage, progress, line -> System.out.println(line));
      try (Connection c = suite.admin().connect(); Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE"); // as autovacuum would have (PostgreSQL 13+ vacuums after inserts too) by the time a real service holds this much
      }

      List<Case> cases = List.of(
          new Case("catalog: GET exercise by id", "catalog", "GET /v1/exercises/{id}", Ceiling.HEALTH, data::exerciseById),
          new Case("catalog: search exercises", "catalog", "GET /v1/exercises?q=...&category=...", Ceiling.HEALTH, data::exerciseSearch),
          new Case("catalog: routine plan", "catalog", "POST /v1/routines/{id}/plan", Ceiling.HEALTH, data::routinePlan),
          new Case("triage: assess", "triage", "POST /v1/assessments", Ceiling.HEALTH, data::assessment),
          new Case("progress: add pain entry", "progress", "POST /v1/patients/{id}/pain-entries", Ceiling.DATABASE, data::painEntry),
          new Case("progress: add session", "progress", "POST /v1/patients/{id}/sessions", Ceiling.DATABASE, data::session),
          new Case("progress: progress summary", "progress", "GET /v1/patients/{id}/progress (a year of data)", Ceiling.HEALTH,
              data::progress),
          new Case("progress: SVG report", "progress", "GET /v1/patients/{id}/report, image/svg+xml (a year of data)",
              Ceiling.HEALTH, data::reportSvg));
      Map<String, List<Http.Call>> calls = new LinkedHashMap<>();
      for (Case c : cases) {
        if (settings.measures(c.name())) {
          List<Http.Call> requests = c.calls().get();
          http.send(suite.url(c.service()), requests.get(0)); // fails early, and clearly, on a request that cannot work
          calls.put(c.name(), requests);
        }
      }

      Path wrkDir = work.resolve("wrk");
      Map<Integer, Double> database = null;
      for (String service : ServiceSchemas.SERVICES) {
        String base = suite.url(service); // through HAProxy when there are replicas
        long pid = suite.service(service).pid();
        // probes are served on the management port only: the trivial request there stands for the service's HTTP at its fastest
        Case health = new Case(service + ": health (ceiling)", service, "GET /q/health/live (management port)", null,
            () -> List.of(Http.Call.get("/q/health/live")));
        Map<Integer, Double> ceiling = measure(wrkDir, pid, suite.service(service).managementUrl(), null, health, health.calls().get(),
            Map.of());
        // writes, then the database's ceiling, then reads: each ceiling next to what is held against it, as this
        // machine's speed drifts within a run
        if (measureCases(wrkDir, pid, base, token, service, Ceiling.DATABASE, cases, calls, null)) {
          database = pgbench(suite);
        }
        measureCases(wrkDir, pid, base, token, service, Ceiling.HEALTH, cases, calls, ceiling);
      }
      if (database == null) {
        database = pgbench(suite);
      }
      for (int i = 0; i < results.size(); i++) { // writes are held against the database's ceiling
        Result r = results.get(i);
        if (r.c().ceiling() == Ceiling.DATABASE) {
          results.set(i, new Result(r.c(), r.connections(), r.figures(), database.get(r.connections()), r.cpu(), r.warmupSeconds()));
        }
      }

      Thread.sleep(1000);
      for (Suite.Started s : suite.services()) {
        long[] after = Machine.memoryKb(s.pid());
        String name = instanceName(suite, s);
        footprints.put(name, new Footprint(name, s.startup(), idle.get(name)[0], after[0], after[1]));
      }
      Report report = new Report(settings, data, results, footprints, Machine.describe(root, suite.admin()),
          "JDK " + suite.javaVersion() + ", `" + String.join(" ", Suite.serviceJvmOptions(jvm)) + "` and `MALLOC_ARENA_MAX=2`"
              + (settings.aot() ? "; each service starts from its ahead-of-time cache (`-XX:AOTMode=on -XX:AOTCache`), made by "
                  + "one untimed start of the same build and options first" : "; no ahead-of-time cache (`--no-aot`)"));
      String markdown = report.markdown();
      Path output = root.resolve(settings.output());
      Files.createDirectories(output.getParent());
      Files.writeString(output, markdown);
      System.out.println("\n" + markdown);
      System.out.println("Written to " + root.relativize(output.toAbsolutePath().normalize()));
      long failed = results.stream().mapToLong(r -> r.figures().errors()).sum();
      if (failed > 0) {
        System.err.println(failed + " requests failed: see the errors column and bench/target/run/wrk/*.out");
        return 1;
      }
      return 0;
    } finally {
      suite.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook stops the suite
      }
    }
  }

  /** After the warm-up asked for, more in steps of this many seconds while the JIT is still busy. */
  static final int SETTLE_STEP_SECONDS = 5;
  /** At most this many seconds of those steps. */
  static final int SETTLE_MAX_SECONDS = 60;
  /** The JIT has settled once its compiler threads used less than this share of one core in a step. */
  static final double SETTLED_COMPILER_SHARE = 0.10;

  /** Measures, in their order, the service's cases held against that kind of ceiling; whether there was one. */
  private boolean measureCases(Path dir, long pid, String base, String token, String service, Ceiling kind, List<Case> cases,
      Map<String, List<Http.Call>> calls, Map<Integer, Double> ceiling) throws Exception {
    boolean any = false;
    for (Case c : cases) {
      if (c.service().equals(service) && c.ceiling() == kind && calls.containsKey(c.name())) {
        measure(dir, pid, base, token, c, calls.get(c.name()), ceiling);
        any = true;
      }
    }
    return any;
  }

  /**
   * Warms the case up at 16 connections, then measures it at each connection count. The warm-up
   * goes on until the service's JIT compilers have settled: measured while they still compiled, the
   * service CPU per triage assessment differed 1.8 times between two runs of the same code (bench/).
   */
  private Map<Integer, Double> measure(Path dir, long pid, String base, String token, Case c, List<Http.Call> calls,
      Map<Integer, Double> ceiling) throws Exception {
    String file = c.name().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
    int warmed = 0;
    if (settings.warmupSeconds() > 0) {
      System.out.printf("%-34s warm-up %d s%n", c.name(), settings.warmupSeconds());
      Load.wrk(dir, file + "-warmup", base, token, calls, 16, settings.warmupSeconds());
      warmed = settings.warmupSeconds();
      while (warmed < settings.warmupSeconds() + SETTLE_MAX_SECONDS) {
        long compiling = Machine.compilerTicks(pid);
        Load.wrk(dir, file + "-warmup", base, token, calls, 16, SETTLE_STEP_SECONDS);
        warmed += SETTLE_STEP_SECONDS;
        double share = (Machine.compilerTicks(pid) - compiling) * Machine.MS_PER_TICK / (SETTLE_STEP_SECONDS * 1000.0);
        System.out.printf("%-34s warm-up %d s: JIT compilers used %.0f%% of a core in the last %d s%n", c.name(), warmed,
            share * 100, SETTLE_STEP_SECONDS);
        if (share < SETTLED_COMPILER_SHARE) {
          break;
        }
      }
    }
    Map<Integer, Double> perSecond = new LinkedHashMap<>();
    for (int connections : settings.connections()) {
      CpuMark mark = cpuMark(pid);
      Load.Figures f = Load.wrk(dir, file, base, token, calls, connections, settings.durationSeconds());
      Cpu cpu = cpuSince(mark, pid, f.requests());
      perSecond.put(connections, f.perSecond());
      Result r = new Result(c, connections, f, ceiling == null ? null : ceiling.get(connections), cpu, warmed);
      results.add(r);
      print(r);
    }
    return perSecond;
  }

  /** The database's ceiling: the pain entry's INSERT through pgbench, as the progress role, for a throwaway patient. */
  private Map<Integer, Double> pgbench(Suite suite) throws Exception {
    UUID patient = UUID.randomUUID();
    try (Connection c = suite.admin().connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO progress.patient (id, tenant, ref, created_at) VALUES ('" + patient + "', 'bench-pgbench', 'pgbench', now())");
    }
    // the columns and values a POST .../pain-entries stores (see progress-service's V2 migration and PainEntries.add)
    String sql = """
        \\set score random(0, 10)
        INSERT INTO progress.pain_entry (id, patient_id, at, score, context, side, locations, note, red_flags, created_at) \
        VALUES (gen_random_uuid(), '%s', now() - interval '1 hour', :score, 'morning', 'left', '["lower_back", "buttock"]', \
        NULL, NULL, now());
        """.formatted(patient);
    Load.Database db = Load.Database.of(suite.admin().jdbcUrl(), "progress", ServiceSchemas.localPassword("progress"));
    Case ceiling = new Case(DB_CEILING, "database", "INSERT INTO progress.pain_entry (pgbench)", null, List::of);
    Map<Integer, Double> tps = new LinkedHashMap<>();
    Path dir = work.resolve("pgbench");
    try {
      if (settings.warmupSeconds() > 0) {
        System.out.printf("%-34s warm-up %d s%n", ceiling.name(), settings.warmupSeconds());
        Load.pgbench(dir, "warmup", db, sql, 16, settings.warmupSeconds());
      }
      for (int clients : settings.connections()) {
        CpuMark mark = cpuMark(-1);
        Load.Figures f = Load.pgbench(dir, "insert", db, sql, clients, settings.durationSeconds());
        // pgbench's backends exit with it, their CPU with them: only the machine's is known
        Cpu cpu = cpuSince(mark, -1, f.requests()).machineOnly();
        tps.put(clients, f.perSecond());
        Result r = new Result(ceiling, clients, f, null, cpu, settings.warmupSeconds());
        results.add(r);
        print(r);
      }
    } finally {
      try (Connection c = suite.admin().connect(); Statement s = c.createStatement()) {
        s.execute("DELETE FROM progress.patient WHERE id = '" + patient + "'");
        s.execute("VACUUM progress.pain_entry"); // now, not by autovacuum during the reads measured next
      }
    }
    return tps;
  }

  private static void print(Result r) {
    Load.Figures f = r.figures();
    Cpu cpu = r.cpu();
    System.out.printf("%-34s %3d conns: %9.1f /s  p50 %7.2f ms  p99 %7.2f ms  accepted p99 %7.2f ms  refused %d  errors %d%s  cpu/req: service %s, db %s; busy %.0f%% (steal %.0f%%)%n",
        r.c().name(), r.connections(), f.perSecond(), f.p50(), f.p99(), f.acceptedP99(), f.refused(), f.errors(), f.errors() > 0 ? " (" + f.errorDetail() + ")" : "",
        cpu.serviceMs() == null ? "-" : String.format("%.2f ms", cpu.serviceMs()),
        cpu.databaseMs() == null ? "-" : String.format("%.2f ms", cpu.databaseMs()), cpu.machineBusy() * 100, cpu.machineSteal() * 100);
  }

  private void prepareWorkDir() throws Exception {
    Path cluster = work.resolve("postgres");
    if (postmasterAlive(cluster.resolve("postmaster.pid"))) {
      throw new IllegalStateException("a PostgreSQL from an earlier benchmark may still run in " + cluster
          + ": stop it (pg_ctl -D " + cluster + " stop) or remove the folder");
    }
    if (Files.exists(work)) {
      try (var paths = Files.walk(work)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(work);
  }

  /** A killed benchmark leaves postmaster.pid behind; only a live process means a cluster still runs. */
  private static boolean postmasterAlive(Path pidFile) throws java.io.IOException {
    if (!Files.exists(pidFile)) {
      return false;
    }
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    try {
      return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
