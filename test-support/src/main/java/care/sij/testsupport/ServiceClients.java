package care.sij.testsupport;

import care.sij.launcher.Repository;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** The services as clients of each other: the token each gets for the scopes its own configuration asks for. */
public final class ServiceClients {
  private ServiceClients() {}

  /** The token the client (e.g. "progress-service") calls other services with, as the dev token endpoint issues it. */
  public static String token(String client) {
    return DevTokens.issuedToService(client, requestedScopes(client));
  }

  /** quarkus.oidc-client.scopes of the client's application.properties: what it asks the issuer for. */
  static List<String> requestedScopes(String client) {
    Path file = Repository.root().resolve(client).resolve("src/main/resources/application.properties");
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String scopes = properties.getProperty("quarkus.oidc-client.scopes");
    if (scopes == null) {
      throw new IllegalStateException(file + " sets no quarkus.oidc-client.scopes: " + client + " calls no other service");
    }
    return Arrays.stream(scopes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
