package care.sij.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one run measures, from the command line ({@code ./bench/run --duration=10 ...}); every
 * default is the configuration whose results are committed in bench/results/latest.md.
 */
record Settings(int durationSeconds, int warmupSeconds, List<Integer> connections, int patients, int days,
    int assessments, Pattern only, List<String> jvmOptions, boolean jfr, boolean aot, int portOffset, String output, int replicas) {

  static final String USAGE = """
      usage: bench/run [--duration=SECONDS] [--warmup=SECONDS] [--connections=1,16,64] [--patients=200] [--days=365]
                       [--assessments=300] [--only=REGEX] [--jvm=OPTION]... [--jfr] [--no-aot]
                       [--port-offset=10000] [--output=FILE] [--replicas=1]
        --duration     seconds of load per case and connection count (default 10)
        --warmup       seconds of load per case at 16 connections before it is measured, at least (default 15);
                       then 5 s more at a time, up to 60 s, until the service's JIT compilers use under a tenth
                       of a core (they still took a fifth of its CPU after 30 s of a new kind of request)
        --connections  connection counts to measure each case at (default 1,16,64)
        --patients     progress patients to seed, each with a year (--days) of daily entries and sessions
        --assessments  triage assessments to seed
        --only         measure only the cases whose name matches (e.g. 'progress'); ceilings always run
        --jvm          one more option for every service's JVM (repeat for several)
        --jfr          record each service with Java Flight Recorder into bench/target/run/jfr/
        --no-aot       start the services without their ahead-of-time cache (by default each is started once to
                       make it, then measured starting from it; needs JDK 25 or newer: SIJ_JAVA_HOME, README)
        --port-offset  the services listen on 8081-8093 plus this, so that a ./run on those is not in the way
        --output       where the results go (default bench/results/latest.md; relative to the repository)
        --replicas     instances of each service behind HAProxy on the services' ports (default 1: no HAProxy); the
                       load goes through HAProxy and a service's CPU per request is that of all its replicas""";

  static Settings parse(String[] args) {
    int duration = 10;
    int warmup = 15;
    List<Integer> connections = List.of(1, 16, 64);
    int patients = 200;
    int days = 365;
    int assessments = 300;
    Pattern only = null;
    List<String> jvm = new ArrayList<>();
    boolean jfr = false;
    boolean aot = true;
    int portOffset = 10000;
    String output = "bench/results/latest.md";
    int replicas = 1;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      String value = kv.length == 2 ? kv[1] : null;
      switch (kv[0]) {
        case "--duration" -> duration = positive(kv[0], value);
        case "--warmup" -> warmup = Integer.parseInt(required(kv[0], value));
        case "--connections" -> connections = Arrays.stream(required(kv[0], value).split(","))
            .map(String::trim).map(Integer::parseInt).toList();
        case "--patients" -> patients = positive(kv[0], value);
        case "--days" -> days = positive(kv[0], value);
        case "--assessments" -> assessments = Integer.parseInt(required(kv[0], value));
        case "--only" -> only = Pattern.compile(required(kv[0], value));
        case "--jvm" -> jvm.add(required(kv[0], value));
        case "--jfr" -> jfr = true;
        case "--no-aot" -> aot = false;
        case "--port-offset" -> portOffset = Integer.parseInt(required(kv[0], value));
        case "--output" -> output = required(kv[0], value);
        case "--replicas" -> replicas = positive(kv[0], value);
        case "--help", "-h" -> throw new Usage(null);
        default -> throw new Usage("unknown option " + arg);
      }
    }
    if (patients < 2) {
      throw new Usage("--patients must be at least 2 (some are read, the others written to)");
    }
    return new Settings(duration, warmup, connections, patients, days, assessments, only, List.copyOf(jvm), jfr, aot, portOffset, output, replicas);
  }

  boolean measures(String caseName) {
    return only == null || only.matcher(caseName).find();
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new Usage(name + " needs a value: " + name + "=...");
    }
    return value;
  }

  private static int positive(String name, String value) {
    int n = Integer.parseInt(required(name, value));
    if (n < 1) {
      throw new Usage(name + " must be at least 1");
    }
    return n;
  }

  /** A command line that cannot be run; the message says why (null: help was asked for). */
  static final class Usage extends RuntimeException {
    Usage(String message) {
      super(message);
    }
  }
}
