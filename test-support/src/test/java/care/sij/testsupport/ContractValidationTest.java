package care.sij.testsupport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * ContractValidation against a small OpenAPI 3.1 contract and a real HTTP server that answers what each
 * test tells it to: each departure from the contract fails, a faithful exchange passes.
 */
class ContractValidationTest {
  private static final String CONTRACT = """
      openapi: 3.1.0
      info:
        title: things
        version: "1"
      paths:
        /v1/things:
          post:
            operationId: createThing
            security:
            - bearer: []
            requestBody:
              required: true
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/ThingRequest"
            responses:
              "201":
                description: Created
                headers:
                  Location:
                    required: true
                    schema:
                      type: string
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/Thing"
              "400":
                description: Invalid
                content:
                  application/problem+json:
                    schema:
                      $ref: "#/components/schemas/Problem"
        /v1/things/{id}:
          get:
            operationId: getThing
            parameters:
            - name: id
              in: path
              required: true
              schema:
                $ref: "#/components/schemas/UUID"
            - name: limit
              in: query
              schema:
                type: integer
                minimum: 1
                maximum: 10
            responses:
              "200":
                description: OK
                headers:
                  Retry-After:
                    $ref: "#/components/headers/Seconds"
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/Thing"
              "404":
                description: Not found
                content:
                  application/problem+json:
                    schema:
                      $ref: "#/components/schemas/Problem"
      components:
        schemas:
          Thing:
            type: object
            required:
            - id
            - name
            properties:
              id:
                $ref: "#/components/schemas/UUID"
                type: string
                description: A sibling of $ref, as smallrye-openapi writes them.
              name:
                type: string
              note:
                type: string
              size:
                type: integer
                format: int32
              owner:
                type:
                - string
                - "null"
          ThingRequest:
            type: object
            required:
            - name
            properties:
              name:
                type: string
                minLength: 1
          UUID:
            type: string
            format: uuid
          Problem:
            type: object
            required:
            - type
            - title
            - status
            properties:
              type:
                type: string
              title:
                type: string
              status:
                type: integer
        headers:
          Seconds:
            schema:
              type: integer
        securitySchemes:
          bearer:
            type: http
            scheme: bearer
      """;
  private static final String ID = "0b6f3c1e-2d4a-4e8f-9a7b-5c6d7e8f9a0b";
  private static final String THING = "{\"id\":\"" + ID + "\",\"name\":\"a thing\",\"size\":3,\"owner\":null}";
  private static final String PROBLEM = "{\"type\":\"https://sij.care/problems/validation\",\"title\":\"Invalid\",\"status\":400}";

  private record Answer(int status, String contentType, String body, Map<String, String> headers) {}

  private HttpServer server;
  private volatile Answer answer;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      Answer a = answer;
      byte[] body = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
      if (a.contentType() != null) {
        exchange.getResponseHeaders().add("Content-Type", a.contentType());
      }
      a.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void answers(int status, String contentType, String body, Map<String, String> headers) {
    answer = new Answer(status, contentType, body, headers);
  }

  private void answers(int status, String contentType, String body) {
    answers(status, contentType, body, Map.of());
  }

  private RequestSpecification validated() {
    ContractValidation validation = new ContractValidation(Contract.parse("things-service.yaml", CONTRACT),
        () -> server.getAddress().getPort(), "/v1", true);
    return given().filter(validation).baseUri("http://localhost").port(server.getAddress().getPort());
  }

  private RequestSpecification creating(String body) {
    return validated().auth().oauth2("a-token").contentType("application/json").body(body);
  }

  private static void violates(Executable exchange, String... expected) {
    AssertionError error = assertThrows(AssertionError.class, exchange);
    for (String fragment : expected) {
      assertTrue(error.getMessage().contains(fragment), "expected «" + fragment + "» in:\n" + error.getMessage());
    }
  }

  @Test
  void faithfulExchangesPass() {
    answers(200, "application/json", THING, Map.of("Retry-After", "3"));
    validated().get("/v1/things/" + ID + "?limit=5").then().statusCode(200);
    answers(201, "application/json", THING, Map.of("Location", "/v1/things/" + ID));
    creating("{\"name\":\"a thing\"}").post("/v1/things").then().statusCode(201);
    answers(404, "application/problem+json", PROBLEM);
    validated().get("/v1/things/" + ID).then().statusCode(404);
  }

  @Test
  void undocumentedStatusFails() {
    answers(500, "application/problem+json", PROBLEM);
    violates(() -> validated().get("/v1/things/" + ID), "GET /v1/things/{id} (getThing) -> 500",
        "status 500 is not documented");
  }

  @Test
  void wrongTypeFails() {
    answers(200, "application/json", "{\"id\":\"" + ID + "\",\"name\":\"a thing\",\"size\":\"big\"}");
    violates(() -> validated().get("/v1/things/" + ID), "-> 200 at /size", "string found, integer expected",
        "/components/schemas/Thing/properties/size");
  }

  @Test
  void wrongTypeBesideAReferenceFails() {
    answers(200, "application/json", "{\"id\":5,\"name\":\"a thing\"}");
    violates(() -> validated().get("/v1/things/" + ID), "1 violation(s)", "at /id", "integer found, string expected",
        "/components/schemas/Thing/properties/id/type");
  }

  @Test
  void nullWhereAStringIsDeclaredFails() {
    answers(200, "application/json", "{\"id\":\"" + ID + "\",\"name\":\"a thing\",\"note\":null}");
    violates(() -> validated().get("/v1/things/" + ID), "at /note", "null found, string expected");
  }

  @Test
  void missingRequiredPropertyFails() {
    answers(200, "application/json", "{\"id\":\"" + ID + "\"}");
    violates(() -> validated().get("/v1/things/" + ID), "-> 200", "required property 'name' not found");
  }

  @Test
  void valueBreakingItsFormatFails() {
    answers(200, "application/json", "{\"id\":\"not-a-uuid\",\"name\":\"a thing\"}");
    violates(() -> validated().get("/v1/things/" + ID), "at /id", "uuid");
  }

  @Test
  void undocumentedContentTypeFails() {
    answers(200, "text/html", "<p>a thing</p>");
    violates(() -> validated().get("/v1/things/" + ID), "content type text/html is not documented");
  }

  @Test
  void missingRequiredHeaderFails() {
    answers(201, "application/json", THING);
    violates(() -> creating("{\"name\":\"a thing\"}").post("/v1/things"), "required header Location is missing");
  }

  @Test
  void documentedHeaderOfTheWrongTypeFails() {
    answers(200, "application/json", THING, Map.of("Retry-After", "soon"));
    violates(() -> validated().get("/v1/things/" + ID), "header Retry-After: soon");
  }

  @Test
  void unknownOperationAnsweredWithSuccessFails() {
    answers(200, "application/json", "{}");
    violates(() -> validated().get("/v1/gadgets"), "GET /v1/gadgets -> 200", "the contract has no such operation");
    violates(() -> validated().delete("/v1/things/" + ID), "DELETE /v1/things/" + ID + " -> 200");
  }

  @Test
  void unknownOperationAnsweredWithAProblemPasses() {
    answers(404, "application/problem+json", PROBLEM);
    validated().get("/v1/gadgets").then().statusCode(404);
  }

  @Test
  void invalidRequestAnsweredWithSuccessFails() {
    answers(201, "application/json", THING, Map.of("Location", "/v1/things/" + ID));
    violates(() -> creating("{\"name\":\"\"}").post("/v1/things"), "the request breaks the contract",
        "request body /name", "yet the service answered 201");
    violates(() -> creating("{not json").post("/v1/things"), "the request body is not JSON");
    violates(() -> validated().auth().oauth2("a-token").contentType("text/plain").body("a thing").post("/v1/things"),
        "request content type text/plain is not documented");
    violates(() -> validated().contentType("application/json").body("{\"name\":\"a thing\"}").post("/v1/things"),
        "no credentials");
  }

  @Test
  void invalidParameterAnsweredWithSuccessFails() {
    answers(200, "application/json", THING);
    violates(() -> validated().get("/v1/things/not-a-uuid"), "path parameter id=not-a-uuid");
    violates(() -> validated().get("/v1/things/" + ID + "?limit=11"), "query parameter limit=11");
    violates(() -> validated().queryParam("limit", "many").get("/v1/things/" + ID), "query parameter limit=many");
  }

  @Test
  void invalidRequestAnsweredWithADocumented4xxPasses() {
    answers(400, "application/problem+json", PROBLEM);
    creating("{\"name\":\"\"}").post("/v1/things").then().statusCode(400);
  }

  @Test
  void invalidRequestAnsweredWithAnUndocumented4xxFails() {
    answers(422, "application/problem+json", PROBLEM);
    violates(() -> creating("{\"name\":\"\"}").post("/v1/things"), "status 422 is not documented",
        "the request itself breaks the contract");
  }

  @Test
  void answerToAnInvalidRequestIsStillHeldToItsSchema() {
    answers(400, "application/problem+json", "{\"type\":\"x\",\"status\":400}");
    violates(() -> creating("{\"name\":\"\"}").post("/v1/things"), "required property 'title' not found");
  }

  @Test
  void exchangesOutsideTheApiAreNotValidated() {
    answers(500, "text/plain", "down");
    validated().get("/q/health").then().statusCode(500);
    RequestSpecification otherPort = given().filter(new ContractValidation(Contract.parse("things-service.yaml", CONTRACT),
        () -> server.getAddress().getPort() + 1, "/v1", true)).baseUri("http://localhost").port(server.getAddress().getPort());
    otherPort.get("/v1/things/" + ID).then().statusCode(500);
  }

  @WithoutContractValidation("sends what no contract can describe")
  void markedTest() {}

  @Test
  void testMarkedWithoutContractValidationIsNotValidated() throws NoSuchMethodException {
    assertEquals("sends what no contract can describe",
        ContractValidationCallback.reasonToSkip(getClass().getDeclaredMethod("markedTest")));
    assertNull(ContractValidationCallback.reasonToSkip(getClass().getDeclaredMethod("faithfulExchangesPass")));
    answers(500, "application/problem+json", PROBLEM);
    ContractValidation.aroundTest("markedTest", "sends what no contract can describe");
    try {
      validated().get("/v1/things/" + ID).then().statusCode(500);
    } finally {
      ContractValidation.aroundTest("", null);
    }
    violates(() -> validated().get("/v1/things/" + ID), "status 500 is not documented");
  }
}
