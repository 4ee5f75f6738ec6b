package care.sij.testsupport;

import care.sij.launcher.Repository;
import io.restassured.RestAssured;
import io.restassured.authentication.AuthenticationScheme;
import io.restassured.authentication.ExplicitNoAuthScheme;
import io.restassured.authentication.NoAuthScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A REST Assured filter that holds every exchange with the service's API under /v1 to its committed
 * contract. A request that keeps to the contract must get a response that does too; a request that
 * breaks it (a test sending bad input on purpose) must get a documented 4xx that keeps to it. Any
 * departure fails the test with an AssertionError listing each violation.
 *
 * <p>Every {@code @QuarkusTest} of a service gets it through {@link ContractValidationCallback}; a test
 * that must not be validated says so with {@link WithoutContractValidation}. With
 * {@code -Dcontract.validation=report} violations are appended to target/contract-violations.log
 * instead of failing (and every exchange checked to target/contract-exchanges.log), to survey a whole suite.
 */
public final class ContractValidation implements OrderedFilter {
  /** Why the running test is not validated, or null; set around each test by the callback. */
  private static volatile String skipReason;
  /** The running test, named in the survey log. */
  private static volatile String currentTest = "";

  private final Contract contract;
  private final IntSupplier apiPort;
  private final String pathPrefix;
  private final boolean failing;

  ContractValidation(Contract contract, IntSupplier apiPort, String pathPrefix, boolean failing) {
    this.contract = contract;
    this.apiPort = apiPort;
    this.pathPrefix = pathPrefix;
    this.failing = failing;
  }

  /** Validation against the committed contract of this service (e.g. catalog-service), on the port Quarkus gave the API. */
  public static ContractValidation forService(String service) {
    return new ContractValidation(Contract.of(contractFile(service)), () -> RestAssured.port, "/v1",
        !"report".equals(System.getProperty("contract.validation")));
  }

  static Path contractFile(String service) {
    return Repository.root().resolve("contracts").resolve(service + ".yaml");
  }

  /** Adds validation against this service's contract to REST Assured's global filters, unless it is there already. */
  static void install(String service) {
    boolean present = RestAssured.filters().stream()
        .anyMatch(f -> f instanceof ContractValidation v && v.contract.name().equals(service + ".yaml"));
    if (!present) {
      List<Filter> filters = new ArrayList<>(RestAssured.filters());
      filters.removeIf(f -> f instanceof ContractValidation);
      filters.add(forService(service));
      RestAssured.replaceFiltersWith(filters);
    }
  }

  static void aroundTest(String test, String reasonToSkip) {
    currentTest = test;
    skipReason = reasonToSkip;
  }

  @Override
  public int getOrder() {
    // innermost: the request exactly as it is sent, the response exactly as it came
    return LOWEST_PRECEDENCE - 1;
  }

  @Override
  public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec,
      FilterContext context) {
    Response response = context.next(requestSpec, responseSpec);
    Target target = Target.of(requestSpec.getURI());
    if (skipReason != null || target.port() != apiPort.getAsInt()
        || !(target.path().equals(pathPrefix) || target.path().startsWith(pathPrefix + "/"))) {
      return response;
    }
    Contract.Request request = new Contract.Request(requestSpec.getMethod(), target.path(), target.query(),
        headers(requestSpec.getHeaders().asList()), requestSpec.getContentType(), body(requestSpec.getBody()),
        hasCredentials(requestSpec));
    Contract.Response answer = new Contract.Response(response.getStatusCode(), headers(response.getHeaders().asList()),
        response.getContentType(), response.asByteArray());
    Contract.Verdict verdict = contract.check(request, answer);
    if (!failing) {
      // the survey also lists every exchange checked, so that it shows what the suite covers
      append("contract-exchanges.log", List.of(String.join("\t", currentTest, verdict.operation(),
          String.valueOf(answer.status()), verdict.requestProblems().isEmpty() ? "request kept to the contract"
              : "request broke the contract: " + String.join("; ", verdict.requestProblems()))));
    }
    if (!verdict.violations().isEmpty()) {
      report(verdict, request);
    }
    return response;
  }

  private void report(Contract.Verdict verdict, Contract.Request request) {
    StringBuilder message = new StringBuilder()
        .append(verdict.violations().size()).append(" violation(s) of contracts/").append(contract.name())
        .append(" by ").append(request.method()).append(' ').append(request.path())
        .append(request.rawQuery() == null ? "" : "?" + request.rawQuery());
    if (!verdict.requestProblems().isEmpty()) {
      message.append("\n  (the request itself breaks the contract: ").append(String.join("; ", verdict.requestProblems())).append(')');
    }
    verdict.violations().forEach(v -> message.append("\n  - ").append(v));
    if (!failing) {
      log(verdict);
      return;
    }
    throw new AssertionError(message.toString());
  }

  private void log(Contract.Verdict verdict) {
    List<String> lines = new ArrayList<>();
    for (Contract.Violation v : verdict.violations()) {
      lines.add(String.join("\t", currentTest, v.operation(), String.valueOf(v.status()), v.pointer(),
          v.message().replace('\n', ' ')));
    }
    append("contract-violations.log", lines);
  }

  private static void append(String file, List<String> lines) {
    try {
      Path log = Path.of("target", file);
      Files.createDirectories(log.getParent());
      synchronized (ContractValidation.class) {
        Files.write(log, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasCredentials(FilterableRequestSpecification requestSpec) {
    AuthenticationScheme scheme = requestSpec.getAuthenticationScheme();
    boolean schemeGivesCredentials = scheme != null && !(scheme instanceof NoAuthScheme) && !(scheme instanceof ExplicitNoAuthScheme);
    return schemeGivesCredentials || requestSpec.getHeaders().hasHeaderWithName("Authorization");
  }

  private static Map<String, List<String>> headers(List<Header> headers) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Header header : headers) {
      byName.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
    }
    return byName;
  }

  private static byte[] body(Object body) {
    if (body == null) {
      return null;
    }
    if (body instanceof byte[] bytes) {
      return bytes;
    }
    if (body instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    throw new IllegalStateException("cannot validate a request body of " + body.getClass().getName()
        + ": send a String or bytes, or mark the test @WithoutContractValidation");
  }

  /** The port, path and raw query of a request URI, read without java.net.URI, which refuses some that tests send on purpose. */
  record Target(int port, String path, String query) {
    static Target of(String uri) {
      String rest = uri;
      int scheme = rest.indexOf("://");
      int port = -1;
      if (scheme >= 0) {
        rest = rest.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        rest = slash < 0 ? "/" : rest.substring(slash);
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']', colon) < 0) {
          port = Integer.parseInt(authority.substring(colon + 1));
        } else {
          port = uri.startsWith("https") ? 443 : 80;
        }
      }
      int hash = rest.indexOf('#');
      if (hash >= 0) {
        rest = rest.substring(0, hash);
      }
      int question = rest.indexOf('?');
      return question < 0 ? new Target(port, rest, null) : new Target(port, rest.substring(0, question), rest.substring(question + 1));
    }
  }
}
