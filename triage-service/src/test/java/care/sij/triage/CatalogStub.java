package care.sij.triage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import care.sij.testsupport.OtherServices;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** catalog-service for triage's tests: by default it knows every routine; tests make it fail, hang or forget. */
@QuarkusTestResource(value = OtherServices.class, initArgs = @ResourceArg(name = "clients", value = "catalog"))
public final class CatalogStub {
  private CatalogStub() {}

  static WireMockServer server() {
    return OtherServices.server();
  }

  /** Back to a healthy catalog that knows every routine. */
  static void reset() {
    OtherServices.reset();
    server().stubFor(get(urlPathMatching("/v1/routines/[a-z0-9-]+")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"{{request.pathSegments.[2]}}\",\"name\":\"Routine {{request.pathSegments.[2]}}\","
            + "\"summary\":\"A routine from the catalog.\",\"steps\":[],\"sources\":[]}")
        .withTransformers("response-template")));
  }
}
