package care.sij.integrator;

import care.sij.client.catalog.api.ExercisesApi;
import care.sij.client.catalog.api.RoutinesApi;
import care.sij.client.progress.api.AlertsApi;
import care.sij.client.progress.api.ExerciseSessionsApi;
import care.sij.client.progress.api.PainEntriesApi;
import care.sij.client.progress.api.PatientsApi;
import care.sij.client.progress.api.ProgressApi;
import care.sij.client.triage.api.AssessmentsApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The generated clients as an integrator sets them up: one ApiClient per service, its base URL, and
 * the bearer token from the identity provider, renewed before it expires, added to every request by
 * the client's own request hook. Every response is shown to the observer first (Prism's verdicts travel in a header).
 */
record Clients(ExercisesApi exercises, RoutinesApi routines, AssessmentsApi assessments, PatientsApi patients,
    PainEntriesApi painEntries, ExerciseSessionsApi sessions, ProgressApi progress, AlertsApi alerts,
    PainChart chart) {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** HTTP/1.1: the JDK's default asks a plain-HTTP server to upgrade to h2c, which a proxy passing it on cannot honour. */
  private static HttpClient.Builder http() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
  }

  /** Clients of the services at these base URLs (catalog, triage, progress), calling with the token the source gives now. */
  static Clients at(Map<String, String> baseUrls, Supplier<String> tokens, Consumer<HttpResponse<InputStream>> observer) {
    Consumer<HttpRequest.Builder> bearer = request -> request.setHeader("Authorization", "Bearer " + tokens.get());

    care.sij.client.catalog.ApiClient catalog = new care.sij.client.catalog.ApiClient();
    catalog.updateBaseUri(baseUrls.get("catalog"));
    catalog.setHttpClientBuilder(http()).setRequestInterceptor(bearer).setResponseInterceptor(observer).setReadTimeout(TIMEOUT);

    care.sij.client.triage.ApiClient triage = new care.sij.client.triage.ApiClient();
    triage.updateBaseUri(baseUrls.get("triage"));
    triage.setHttpClientBuilder(http()).setRequestInterceptor(bearer).setResponseInterceptor(observer).setReadTimeout(TIMEOUT);

    care.sij.client.progress.ApiClient progress = new care.sij.client.progress.ApiClient();
    progress.updateBaseUri(baseUrls.get("progress"));
    progress.setHttpClientBuilder(http()).setRequestInterceptor(bearer).setResponseInterceptor(observer).setReadTimeout(TIMEOUT);

    return new Clients(new ExercisesApi(catalog), new RoutinesApi(catalog), new AssessmentsApi(triage), new PatientsApi(progress),
        new PainEntriesApi(progress), new ExerciseSessionsApi(progress), new ProgressApi(progress),
        new AlertsApi(progress), PainChart.at(baseUrls.get("progress"), bearer, observer));
  }

  /**
   * The report operation's SVG representation. The generated getReport asks for JSON and reads a
   * Report, whatever the contract's other media types; so this client of the same operation asks for
   * image/svg+xml through its request hook and keeps the body its response hook sees.
   */
  record PainChart(ProgressApi api, AtomicReference<Chart> last) {
    record Chart(int status, String contentType, String svg) {}

    static PainChart at(String baseUrl, Consumer<HttpRequest.Builder> bearer, Consumer<HttpResponse<InputStream>> observer) {
      AtomicReference<Chart> last = new AtomicReference<>();
      care.sij.client.progress.ApiClient client = new care.sij.client.progress.ApiClient();
      client.updateBaseUri(baseUrl);
      client.setHttpClientBuilder(http()).setReadTimeout(TIMEOUT);
      client.setRequestInterceptor(bearer.andThen(request -> request.setHeader("Accept", "image/svg+xml")));
      client.setResponseInterceptor(observer.andThen(response -> {
        if (response.statusCode() / 100 == 2) {
          try {
            last.set(new Chart(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                new String(response.body().readAllBytes(), StandardCharsets.UTF_8)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }));
      return new PainChart(new ProgressApi(client), last);
    }
  }
}
