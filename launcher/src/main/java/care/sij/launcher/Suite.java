package care.sij.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole suite on this machine: a PostgreSQL with every service's role and schema, the dev token
 * endpoint the services use to call each other, and the three services built by Maven, each started
 * from its quarkus-run.jar and waited for until /q/health/ready answers on its management port. The
 * services listen on the loopback interface only, unless told another. One start-up for the run
 * command ({@link LocalSuite}) and the benchmark (bench/), so that what is measured is what runs.
 *
 * <p>With {@link Options#aot()}, each service starts from an ahead-of-time cache (JDK 25 or newer,
 * JEP 483 and 515): on 2 cores a start-up is mostly class loading and the JIT compilers, and the
 * cache holds the classes a start loaded, already parsed and linked, and their profiles. A cache
 * belongs to one build, one JDK and one set of JVM options; it is made by a training start of that
 * build, once, before the real start. The services are packaged as a plain class path (legacy-jar,
 * root pom) because the cache only keeps classes of the JDK's own class loaders.
 */
public final class Suite implements AutoCloseable {
  /**
   * A service, named after its schema and role, on its default API and management ports (as its
   * application.properties sets them), and the services it calls.
   */
  public record Service(String name, int port, int managementPort, List<String> calls) {
    public Path jar(Path root) {
      return root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
    }

    /** The OAuth2 client it calls other services as. */
    public String clientId() {
      return name + "-service";
    }
  }

  // management ports next to the API's: suites run beside each other at port offsets of a thousand (adversarial/, bench/)
  public static final List<Service> SERVICES = List.of(new Service("catalog", 8081, 8091, List.of()),
      new Service("triage", 8082, 8092, List.of("catalog")), new Service("progress", 8083, 8093, List.of("catalog", "triage")));
  /** Where the services listen unless told otherwise: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";
  public static final int TOKEN_PORT = 8090;
  /** Replica r of a service listens at its ports plus r times this (8181, 8281, ...), its public port being HAProxy's. */
  public static final int REPLICA_PORT_STEP = 100;
  static final int MAX_REPLICAS = 9;
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  /** The first JDK whose ahead-of-time cache is made by one training run (JEP 514). */
  public static final int AOT_JDK = 25;
  /**
   * The JVM options every service gets from this launcher, in ./run and the benchmark alike, for a
   * small machine that the three services share with PostgreSQL: the serial collector (no GC threads
   * next to the request threads on 2 cores, and the least memory of its own); a small heap sized to
   * what a loaded service keeps live, not a quarter of the machine's memory (the serial collector keeps
   * every heap page it touched, so the heap's size is RSS; bench/results/notes.md); a first metadata threshold above what Quarkus loads, so
   * that start-up runs no full collection; malloc's free memory handed back to the system every 5 s
   * (the JIT compilers' scratch memory otherwise stays resident); an exit on the first
   * OutOfMemoryError, so that a supervisor starts a sound service instead of one limping on; and
   * malformed request targets left to the services' own check, which answers them with problem+json.
   */
  public static final List<String> SERVICE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:MetaspaceSize=96m",
      "-XX:TrimNativeHeapInterval=5000", "-XX:+ExitOnOutOfMemoryError",
      "-Dvertx.disableURIValidation=true");
  /**
   * Rate limits out of reach, for the benchmark and the adversarial suite, which call as one client of
   * one tenant far faster than an app should: every request is still counted, so the limiter's cost stays measured.
   */
  public static final List<String> RATE_LIMITS_OUT_OF_REACH = List.of("-Dsij.rate-limit.reads.capacity=1000000000",
      "-Dsij.rate-limit.writes.capacity=1000000000", "-Dsij.rate-limit.bulk.capacity=1000000000",
      "-Dsij.rate-limit.triage.capacity=1000000000");
  /** glibc's malloc makes an arena per thread that allocates; two keep the native memory of request threads bounded. */
  static final Map<String, String> SERVICE_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

  /** The audience a service checks its tokens for (its mp.jwt.verify.audiences default). */
  public static String audience(String service) {
    return "sij-" + service;
  }

  /** {@link #SERVICE_JVM_OPTIONS} and then the given ones (a later option wins over an earlier one). */
  public static List<String> serviceJvmOptions(List<String> more) {
    List<String> all = new ArrayList<>(SERVICE_JVM_OPTIONS);
    all.addAll(more);
    return List.copyOf(all);
  }

  /**
   * How to start the suite.
   *
   * @param workDir where the database cluster (workDir/postgres), the logs (workDir/logs) and the dev key set go
   * @param keepDatabase true: a cluster kept between runs; false: a throwaway one, removed on close
   * @param portOffset added to every default port (services' API and management ports, token endpoint), e.g. to run beside ./run
   * @param jvmOptions given to every service's JVM before -jar; {service} in an option stands for the service's name
   * @param oneAtATime start each service only when the one before is ready (each start-up is then its own)
   * @param aot start each service from its ahead-of-time cache, made first if this build has none
   * @param out where progress lines go
   * @param host the address the services listen on, API and management ports alike (0.0.0.0: every interface)
   * @param keycloak Keycloak issues the tokens (its realm file, {@link Keycloak}) instead of the dev token endpoint
   * @param replicas instances of each service; above one, HAProxy answers on the services' ports and the replicas on their own
   */
  public record Options(Path root, Path workDir, boolean keepDatabase, int portOffset, List<String> jvmOptions,
      boolean oneAtATime, boolean aot, Consumer<String> out, String host, boolean keycloak, int replicas) {
    public Options {
      if (replicas < 1 || replicas > MAX_REPLICAS) {
        throw new IllegalArgumentException("replicas: 1 to " + MAX_REPLICAS + ", not " + replicas);
      }
    }

    /** One instance of each service, with the dev token endpoint. */
    public Options(Path root, Path workDir, boolean keepDatabase, int portOffset, List<String> jvmOptions,
        boolean oneAtATime, boolean aot, Consumer<String> out, String host) {
      this(root, workDir, keepDatabase, portOffset, jvmOptions, oneAtATime, aot, out, host, false, 1);
    }

    /** Listening on the loopback interface only. */
    public Options(Path root, Path workDir, boolean keepDatabase, int portOffset, List<String> jvmOptions,
        boolean oneAtATime, boolean aot, Consumer<String> out) {
      this(root, workDir, keepDatabase, portOffset, jvmOptions, oneAtATime, aot, out, LOOPBACK);
    }

    /** ./run: a cluster kept in .local/postgres, the default ports, all services starting together. */
    public static Options localRun(Path root, boolean aot, String host) {
      return localRun(root, aot, host, false, 1);
    }

    /**
     * ./run with its options: Keycloak as the issuer, and N instances of each service behind HAProxy,
     * started one at a time (all at once, six or more JVMs on a small machine outlast the readiness wait).
     */
    public static Options localRun(Path root, boolean aot, String host, boolean keycloak, int replicas) {
      return new Options(root, root.resolve(".local"), true, 0, SERVICE_JVM_OPTIONS, replicas > 1, aot, System.out::println, host,
          keycloak, replicas);
    }

    /** The same, with Keycloak as the issuer. */
    public Options withKeycloak() {
      return new Options(root, workDir, keepDatabase, portOffset, jvmOptions, oneAtATime, aot, out, host, true, replicas);
    }

    /** The same options with this many instances of each service. */
    public Options withReplicas(int count) {
      return new Options(root, workDir, keepDatabase, portOffset, jvmOptions, oneAtATime, aot, out, host, keycloak, count);
    }
  }

  /**
   * A started service: where it answers (host, API and management ports), its process, how long it
   * took from process start to ready, where it logs, and which of the service's replicas it is (from 1).
   */
  public record Started(Service service, String host, int port, int managementPort, Process process, Duration startup, Path log,
      int replica) {
    public long pid() {
      return process.pid();
    }

    public String baseUrl() {
      return "http://" + host + ":" + port;
    }

    /** Probes and metrics: baseUrl of the management interface, e.g. + "/q/health/ready". */
    public String managementUrl() {
      return "http://" + host + ":" + managementPort;
    }
  }

  /** The name to reach a service listening on the address by: localhost for every interface. */
  static String reachableAt(String host) {
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return "localhost";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private final Options options;
  private final Path javaHome;
  private final String javaVersion;
  private final List<Started> started = new ArrayList<>();
  private Postgres postgres;
  private DevTokenEndpoint tokens;
  private Keycloak keycloak;
  private LoadBalancer loadBalancer;
  private boolean closed;

  public Suite(Options options) {
    this.options = options;
    this.javaHome = serviceJavaHome(options.aot());
    this.javaVersion = version(javaHome).orElse("unknown");
  }

  /**
   * The JDK that runs the services: SIJ_JAVA_HOME's if set; else this launcher's own, unless the AOT
   * cache needs a newer one, then the newest JDK 25 or later under /usr/lib/jvm (where Debian and
   * Temurin's packages put theirs).
   */
  static Path serviceJavaHome(boolean aot) {
    String configured = System.getenv("SIJ_JAVA_HOME");
    Path own = Path.of(System.getProperty("java.home"));
    Path home;
    if (configured != null && !configured.isBlank()) {
      home = Path.of(configured);
    } else if (aot && Runtime.version().feature() < AOT_JDK) {
      home = newestJdk(Path.of("/usr/lib/jvm")).orElse(own);
    } else {
      home = own;
    }
    if (aot && feature(home) < AOT_JDK) {
      throw new IllegalStateException("the AOT cache needs JDK " + AOT_JDK + " or newer, and " + home + " is "
          + (feature(home) == 0 ? "no JDK" : "JDK " + feature(home)) + ": set SIJ_JAVA_HOME to one, or start without the cache");
    }
    return home;
  }

  static Optional<Path> newestJdk(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(dir)) {
      return homes.filter(h -> feature(h) >= AOT_JDK).max(Comparator.comparingInt(Suite::feature).thenComparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A JDK's version as its release file names it (e.g. 25.0.3), if the folder holds a java. */
  static Optional<String> version(Path javaHome) {
    if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(javaHome.resolve("release"))) {
      return lines.filter(l -> l.startsWith("JAVA_VERSION=")).map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", ""))
          .findFirst();
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** A JDK's feature release (17, 25); 0 if the folder holds no JDK we can tell. */
  static int feature(Path javaHome) {
    try {
      return version(javaHome).map(v -> Runtime.Version.parse(v).feature()).orElse(0);
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  /** The JDK running the services, e.g. 25.0.3. */
  public String javaVersion() {
    return javaVersion;
  }

  /**
   * Where a service's AOT cache for this JDK and these JVM options goes: next to its jar, so that a
   * new build ({@code mvn clean}) drops it. The JVM refuses a cache made with other options (a
   * recording with --jfr adds a module, for one), so each set of options has a cache of its own.
   */
  Path aotCache(Service service) {
    String flags = String.join(" ", serviceOptions(service));
    return service.jar(options.root()).resolveSibling(service.name() + "-jdk" + javaVersion()
        + "-" + HexFormat.of().toHexDigits(flags.hashCode()) + ".aot");
  }

  /** Whether the cache was made after the jar and every library it loads (else the JVM would refuse it). */
  boolean aotCacheIsCurrent(Service service) throws IOException {
    Path cache = aotCache(service);
    return Files.exists(cache) && isCurrent(cache, builtAt(service));
  }

  private static boolean isCurrent(Path cache, long builtAt) throws IOException {
    return Files.getLastModifiedTime(cache).toMillis() >= builtAt;
  }

  /** When the service's jar or one of its libraries last changed (an unreadable one: never older than a cache). */
  private long builtAt(Service service) throws IOException {
    Path jar = service.jar(options.root());
    try (Stream<Path> libs = Files.walk(jar.resolveSibling("lib"))) {
      return Stream.concat(Stream.of(jar), libs.filter(Files::isRegularFile)).mapToLong(p -> {
        try {
          return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
          return Long.MAX_VALUE;
        }
      }).max().orElse(Long.MAX_VALUE);
    }
  }

  /**
   * Removes the service's caches, of any JVM options, that this build has made stale: the JVM would
   * refuse them, and each is large. Those of other options still current are kept.
   */
  void removeStaleAotCaches(Service service) throws IOException {
    String prefix = service.name() + "-jdk";
    List<Path> caches;
    try (Stream<Path> listed = Files.list(service.jar(options.root()).getParent())) {
      caches = listed.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith(".aot");
      }).toList();
    }
    if (caches.isEmpty()) {
      return;
    }
    long builtAt = builtAt(service);
    for (Path cache : caches) {
      if (!isCurrent(cache, builtAt)) {
        Files.deleteIfExists(cache);
      }
    }
  }

  /** Starts everything; on failure, what was started is stopped again and the exception says why. */
  /**
   * The suite the tests of one JVM share (adversarial/, integrator/): started at once in workDir (under
   * the repository) at the port offset, with the services' JVM options and these, and stopped when the JVM exits.
   */
  public static Suite startedForThisJvm(String workDir, int portOffset, List<String> extraJvmOptions) {
    return startedForThisJvm(workDir, portOffset, extraJvmOptions, false);
  }

  /** The same, with Keycloak as the token issuer when asked. */
  public static Suite startedForThisJvm(String workDir, int portOffset, List<String> extraJvmOptions, boolean keycloak) {
    Path root = Repository.root();
    Options options = new Options(root, root.resolve(workDir), false, portOffset, serviceJvmOptions(extraJvmOptions),
        false, false, line -> System.out.println("[suite] " + line));
    Suite starting = new Suite(keycloak ? options.withKeycloak() : options);
    try {
      starting.start();
    } catch (Exception e) {
      throw new IllegalStateException("the suite did not start: " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(starting::close, "suite-stop"));
    return starting;
  }

  public Suite start() throws IOException, InterruptedException {
    try {
      doStart();
      return this;
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void doStart() throws IOException, InterruptedException {
    Path root = options.root();
    for (Service service : SERVICES) {
      if (!Files.exists(service.jar(root))) {
        throw new IllegalStateException(service.jar(root) + " is missing: build first (./mvnw package -DskipTests)");
      }
    }
    if (options.replicas() > 1) {
      LoadBalancer.requireExecutable(); // before anything starts: the whole point of this start is the balancer
    }
    requirePortsFree();
    Path logs = Files.createDirectories(options.workDir().resolve("logs"));
    Path clusterDir = options.workDir().resolve("postgres");
    Postgres database = Postgres.forSuite(clusterDir, options.keepDatabase());
    synchronized (this) {
      if (closed) {
        database.close();
        throw new IllegalStateException("stopped while starting");
      }
      postgres = database;
    }
    options.out().accept("Database: " + postgres.describe());
    ServiceSchemas.ensureAll(postgres.admin());
    Path jwks = options.workDir().resolve("dev-jwks.json");
    try (InputStream in = Suite.class.getResourceAsStream("/" + DevKey.JWKS_RESOURCE)) {
      Files.copy(in, jwks, StandardCopyOption.REPLACE_EXISTING);
    }
    if (options.keycloak()) {
      options.out().accept("Starting Keycloak with the realm of " + Keycloak.REALM_FILE + " (log: " + shown(logs.resolve("keycloak.log")) + ")");
      Keycloak issuer = Keycloak.start(root, options.workDir(), logs, Keycloak.PORT + options.portOffset(),
          Keycloak.MANAGEMENT_PORT + options.portOffset());
      synchronized (this) {
        if (closed) {
          issuer.close();
          throw new IllegalStateException("stopped while starting");
        }
        keycloak = issuer;
      }
      options.out().accept(String.format("Keycloak ready in %.1f s: issuer %s", issuer.startup().toMillis() / 1000.0, issuer.issuer()));
    } else {
      synchronized (this) {
        tokens = new DevTokenEndpoint(TOKEN_PORT + options.portOffset());
      }
    }
    if (options.aot()) {
      for (Service service : SERVICES) {
        if (!aotCacheIsCurrent(service)) {
          train(service, logs, jwks);
        }
      }
    }
    List<Launch> launching = new ArrayList<>();
    for (Service service : SERVICES) {
      for (int replica = 1; replica <= options.replicas(); replica++) {
        Launch launch = launch(service, replica, logs.resolve(logName(service, replica)), jwks,
            // on: a cache the JVM refuses fails the start, instead of a start without it that looks like one with it
            options.aot() ? List.of("-XX:AOTMode=on", "-XX:AOTCache=" + aotCache(service)) : List.of(), false);
        launching.add(launch);
        if (options.oneAtATime()) {
          awaitReady(List.of(launch));
        }
      }
    }
    awaitReady(launching);
    if (options.replicas() > 1) {
      startLoadBalancer();
    }
  }

  private String logName(Service service, int replica) {
    return options.replicas() == 1 ? service.name() + ".log" : service.name() + "-" + replica + ".log";
  }

  /** HAProxy on the services' public ports, in front of their replicas, which call one another through it too. */
  private void startLoadBalancer() throws IOException, InterruptedException {
    List<LoadBalancer.Frontend> frontends = new ArrayList<>();
    for (Service service : SERVICES) {
      List<LoadBalancer.Replica> replicas = new ArrayList<>();
      for (int replica = 1; replica <= options.replicas(); replica++) {
        replicas.add(new LoadBalancer.Replica(port(service, replica), managementPort(service, replica)));
      }
      frontends.add(new LoadBalancer.Frontend(service.name(), port(service), replicas));
    }
    LoadBalancer started = LoadBalancer.start(options.workDir(), options.host(), reachableAt(options.host()), frontends);
    synchronized (this) {
      if (closed) {
        started.close();
        throw new IllegalStateException("stopped while starting");
      }
      loadBalancer = started;
    }
    options.out().accept("HAProxy on " + options.host() + " ports " + frontends.stream().map(f -> f.service() + " " + f.port()).toList()
        + ", " + options.replicas() + " replicas each (config: " + shown(options.workDir().resolve("haproxy.cfg")) + ")");
  }

  /**
   * Fails at once, naming the port, when something already listens where a service would: otherwise
   * that other process could answer the readiness probe in the service's place.
   */
  private void requirePortsFree() {
    for (Service service : SERVICES) {
      List<Integer> ports = new ArrayList<>(List.of(port(service), managementPort(service)));
      for (int replica = 1; options.replicas() > 1 && replica <= options.replicas(); replica++) {
        ports.addAll(List.of(port(service, replica), managementPort(service, replica)));
      }
      for (int port : ports) {
        requireFree(options.host(), port, service.name() + "-service");
      }
    }
    if (options.keycloak()) {
      requireFree(LOOPBACK, Keycloak.PORT + options.portOffset(), "Keycloak");
      requireFree(LOOPBACK, Keycloak.MANAGEMENT_PORT + options.portOffset(), "Keycloak");
    }
  }

  private static void requireFree(String host, int port, String owner) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.bind(new java.net.InetSocketAddress(host, port));
    } catch (IOException inUse) {
      throw new IllegalStateException("port " + port + " of " + owner + " on " + host
          + " is taken (another ./run, test suite or benchmark?): " + inUse.getMessage());
    }
  }

  /** A service's process between its start and its first ready answer. */
  private static final class Launch {
    final Service service;
    final int replica;
    final int port;
    final int managementPort;
    final Process process;
    final long startedAt;
    final Path log;
    Duration startup;

    Launch(Service service, int replica, int port, int managementPort, Process process, long startedAt, Path log) {
      this.service = service;
      this.replica = replica;
      this.port = port;
      this.managementPort = managementPort;
      this.process = process;
      this.startedAt = startedAt;
      this.log = log;
    }
  }

  /**
   * The training start: the service starts on this build and JDK with the cache's output named, and
   * is stopped once ready; the JVM writes the cache as it exits. A throwaway database is then reset,
   * so that the real start is a first start again (migrations and seeds included).
   */
  private void train(Service service, Path logs, Path jwks) throws IOException, InterruptedException {
    Path cache = aotCache(service);
    removeStaleAotCaches(service); // this one's too: it is trained only when not current
    Path log = logs.resolve(service.name() + "-aot-training.log");
    options.out().accept("Making the AOT cache of " + service.name() + "-service (once per build, JDK and options; log: " + shown(log) + ")");
    Launch training = launch(service, 1, log, jwks, List.of("-XX:AOTCacheOutput=" + cache), false);
    awaitReady(List.of(training));
    training.process.destroy();
    boolean exited = training.process.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    synchronized (this) {
      started.removeIf(s -> s.process() == training.process);
    }
    if (!exited) {
      training.process.destroyForcibly();
    }
    if (!exited || !Files.exists(cache)) {
      throw new IllegalStateException(service.name() + "-service wrote no AOT cache; see " + shown(log));
    }
    if (!options.keepDatabase()) {
      ServiceSchemas.recreate(postgres.admin(), service.name());
    }
  }

  /** The service's JVM options, {service} replaced by its name. */
  private List<String> serviceOptions(Service service) {
    return options.jvmOptions().stream().map(option -> option.replace("{service}", service.name())).toList();
  }

  private Launch launch(Service service, int replica, Path log, Path jwks, List<String> moreOptions, boolean appendLog) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString()));
    command.addAll(serviceOptions(service));
    command.addAll(moreOptions);
    command.addAll(List.of("-jar", service.jar(options.root()).toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
    int port = port(service, replica);
    int managementPort = managementPort(service, replica);
    builder.environment().putAll(SERVICE_ENVIRONMENT);
    builder.environment().putAll(Map.of(
        "QUARKUS_HTTP_HOST", options.host(),
        "QUARKUS_HTTP_PORT", Integer.toString(port),
        "QUARKUS_MANAGEMENT_HOST", options.host(),
        "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort),
        "SIJ_DB_URL", postgres.admin().jdbcUrl(),
        "SIJ_DB_USER", service.name(),
        "SIJ_DB_PASSWORD", ServiceSchemas.localPassword(service.name())));
    builder.environment().putAll(issuerEnvironment(service, jwks));
    if (!service.calls().isEmpty()) {
      for (String called : service.calls()) {
        Service other = SERVICES.stream().filter(s -> s.name().equals(called)).findFirst().orElseThrow();
        builder.environment().put("SIJ_" + called.toUpperCase() + "_URL", "http://" + reachableAt(options.host()) + ":" + port(other));
      }
    }
    Launch launch;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("stopped while starting");
      }
      long startedAt = System.nanoTime();
      Process process = builder.start();
      launch = new Launch(service, replica, port, managementPort, process, startedAt, log);
      // so that close() stops it even if it never gets ready
      Started entry = new Started(service, reachableAt(options.host()), port, managementPort, process, null, log, replica);
      int again = indexOf(service.name(), replica);
      if (again >= 0 && !started.get(again).process().isAlive()) {
        started.set(again, entry); // a start again keeps the start order
      } else {
        started.add(entry);
      }
    }
    options.out().accept("Starting " + service.name() + "-service" + (options.replicas() > 1 ? " replica " + replica : "") + " on " + options.host() + " port " + port + ", management port "
        + managementPort + " (log: " + shown(log) + ")");
    return launch;
  }

  /** The token issuer a service trusts, and where it gets its own client-credentials token for the services it calls. */
  private Map<String, String> issuerEnvironment(Service service, Path jwks) {
    if (keycloak != null) {
      return keycloak.serviceEnvironment(service.clientId(), !service.calls().isEmpty());
    }
    Map<String, String> env = new java.util.HashMap<>(Map.of("SIJ_JWT_ISSUER", DevKey.ISSUER, "SIJ_JWT_KEYS", jwks.toUri().toString(),
        "SIJ_OAUTH2_TOKEN_URL", tokens.baseUrl() + DevTokenEndpoint.PATH));
    if (!service.calls().isEmpty()) {
      env.putAll(Map.of("SIJ_OIDC_URL", tokens.baseUrl(), "SIJ_OIDC_TOKEN_PATH", DevTokenEndpoint.PATH,
          "SIJ_OIDC_CLIENT_ID", service.clientId(), "SIJ_OIDC_CLIENT_SECRET", DevTokenEndpoint.SECRET));
    }
    return env;
  }

  /** Keycloak, when it issues the suite's tokens. */
  public synchronized Optional<Keycloak> keycloak() {
    return Optional.ofNullable(keycloak);
  }

  private int port(Service service) {
    return service.port() + options.portOffset();
  }

  private int managementPort(Service service) {
    return service.managementPort() + options.portOffset();
  }

  /** An instance's own port: the service's, unless it is one of several replicas behind HAProxy. */
  private int port(Service service, int replica) {
    return port(service) + (options.replicas() > 1 ? replica * REPLICA_PORT_STEP : 0);
  }

  private int managementPort(Service service, int replica) {
    return managementPort(service) + (options.replicas() > 1 ? replica * REPLICA_PORT_STEP : 0);
  }

  private String shown(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path root = options.root().toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }

  /** Polls every launch's /q/health/ready (management port) until each has answered 200, noting when each did. */
  private void awaitReady(List<Launch> launches) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      boolean allReady = true;
      for (Launch launch : launches) {
        if (launch.startup != null) {
          continue;
        }
        if (!launch.process.isAlive()) {
          throw new IllegalStateException(launch.service.name() + "-service exited with " + launch.process.exitValue()
              + "; see " + shown(launch.log) + ", which ends: " + lastWords(launch.log));
        }
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://" + reachableAt(options.host()) + ":" + launch.managementPort
            + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2)).build();
        try {
          if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            launch.startup = Duration.ofNanos(System.nanoTime() - launch.startedAt);
            replace(launch);
            continue;
          }
        } catch (IOException notYet) {
          // still starting
        }
        allReady = false;
      }
      if (allReady) {
        return;
      }
      if (System.nanoTime() > deadline) {
        Launch late = launches.stream().filter(l -> l.startup == null).findFirst().orElseThrow();
        throw new IllegalStateException(late.service.name() + "-service was not ready within "
            + READY_TIMEOUT.toSeconds() + " s; see " + shown(late.log));
      }
      Thread.sleep(50);
    }
  }

  /** The end of a log, for a failure's message: the log itself is overwritten by the next start. */
  private static String lastWords(Path log) {
    try {
      String text = Files.readString(log).strip();
      return text.substring(Math.max(0, text.length() - 1500));
    } catch (IOException | RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private synchronized void replace(Launch launch) {
    for (int i = 0; i < started.size(); i++) {
      if (started.get(i).process() == launch.process) {
        started.set(i, new Started(launch.service, reachableAt(options.host()), launch.port, launch.managementPort, launch.process,
            launch.startup, launch.log, launch.replica));
      }
    }
  }

  /** The started services, in start order (catalog, triage, progress), each one's replicas in turn. */
  public synchronized List<Started> services() {
    return List.copyOf(started);
  }

  /** The service's (first) instance. */
  public Started service(String name) {
    return instance(name, 1);
  }

  /** One replica of the service, from 1. */
  public Started instance(String name, int replica) {
    return services().stream().filter(s -> s.service().name().equals(name) && s.replica() == replica).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name + (replica == 1 ? "" : " replica " + replica)));
  }

  /** Every replica of the service. */
  public List<Started> instances(String name) {
    return services().stream().filter(s -> s.service().name().equals(name)).toList();
  }

  /** Where clients call the service: HAProxy's frontend when it has replicas, else the one instance. */
  public String url(String name) {
    Service service = SERVICES.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    return "http://" + reachableAt(options.host()) + ":" + port(service);
  }

  /** How many instances of each service run. */
  public int replicas() {
    return options.replicas();
  }

  private int indexOf(String name, int replica) {
    for (int i = 0; i < started.size(); i++) {
      if (started.get(i).service().name().equals(name) && started.get(i).replica() == replica) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Stops one service, every replica of it, as close() would (SIGTERM, then SIGKILL after 20 s), e.g.
   * to see how the services that call it do without it; {@link #startAgain} brings it back.
   */
  public void stop(String name) throws InterruptedException {
    for (Started instance : instances(name)) {
      Process process = instance.process();
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  /** Kills one replica at once (SIGKILL), as a crash would; {@link #startAgain} brings it back. */
  public void kill(String name, int replica) throws InterruptedException {
    Process process = instance(name, replica).process();
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * Starts stopped services again (every stopped replica of each), on their ports, with the same
   * options and cache, appending to their logs, and waits until each is ready (each before the next
   * starts, if the suite started one at a time).
   */
  public void startAgain(String... names) throws IOException, InterruptedException {
    Path jwks = options.workDir().resolve("dev-jwks.json");
    List<Launch> launching = new ArrayList<>();
    for (String name : names) {
      List<Started> stopped = instances(name).stream().filter(s -> !s.process().isAlive()).toList();
      if (stopped.isEmpty()) {
        throw new IllegalStateException(name + "-service is still running");
      }
      for (Started instance : stopped) {
        Service service = instance.service();
        Launch launch = launch(service, instance.replica(), instance.log(), jwks,
            options.aot() ? List.of("-XX:AOTMode=on", "-XX:AOTCache=" + aotCache(service)) : List.of(), true);
        launching.add(launch);
        if (options.oneAtATime()) {
          awaitReady(List.of(launch));
        }
      }
    }
    awaitReady(launching);
  }

  /** The suite's PostgreSQL, e.g. for a test to crash and restart it. */
  public synchronized Postgres database() {
    return postgres;
  }

  /** The role that may create roles and schemas, on the suite's PostgreSQL. */
  public synchronized Postgres.Admin admin() {
    return postgres.admin();
  }

  /** A service that has stopped by itself, if any. */
  public Optional<Started> firstExited() {
    return services().stream().filter(s -> !s.process().isAlive()).findFirst();
  }

  /** Stops the services (SIGTERM, then SIGKILL after 20 s), the token endpoint and the database. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (loadBalancer != null) {
      loadBalancer.close();
    }
    for (Started s : started) {
      s.process().destroy();
    }
    for (Started s : started) {
      try {
        if (!s.process().waitFor(20, TimeUnit.SECONDS)) {
          s.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        s.process().destroyForcibly();
      }
    }
    if (tokens != null) {
      tokens.close();
    }
    if (keycloak != null) {
      keycloak.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Whether a database was started (and so was stopped by close). */
  public synchronized boolean hadDatabase() {
    return postgres != null;
  }
}
