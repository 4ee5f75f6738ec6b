package care.sij.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each service its role and schema with docker/postgres/service-schema.sql, the file the
 * compose PostgreSQL runs too, so tests and operators get the same isolation.
 */
public final class ServiceSchemas {
  /** The services, each named after its schema and role. */
  public static final List<String> SERVICES = List.of("catalog", "triage", "progress");

  private ServiceSchemas() {}

  /** The password the tests and the local run give a service's role. */
  public static String localPassword(String service) {
    return service + "-local";
  }

  /** Creates or updates every service's role and schema; safe to repeat. */
  public static void ensureAll(Postgres.Admin admin) {
    String template = template();
    try (Connection c = admin.connect()) {
      for (String service : SERVICES) {
        for (String statement : statements(template, service, localPassword(service))) {
          try (Statement s = c.createStatement()) {
            s.execute(statement);
          } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState())) { // the role exists already: the next statement updates it
              throw e;
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the service roles and schemas: " + e.getMessage(), e);
    }
  }

  /** Drops a service's schema with everything in it and creates it again, empty. */
  public static void recreate(Postgres.Admin admin, String service) {
    if (!SERVICES.contains(service)) {
      throw new IllegalArgumentException("service name " + service);
    }
    try (Connection c = admin.connect(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS \"" + service + "\" CASCADE");
      s.execute("DROP SCHEMA IF EXISTS \"" + service + "_audit\" CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop the schema of " + service + ": " + e.getMessage(), e);
    }
    ensureAll(admin);
  }

  /** The template's statements with psql's :"svc" and :"svc_audit" (identifiers) and :'password' (literal) filled in. */
  static List<String> statements(String template, String service, String password) {
    if (!service.matches("[a-z_]+")) {
      throw new IllegalArgumentException("service name " + service);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : template.split("\n")) {
      String code = line.replaceFirst("--.*$", "").strip();
      if (code.isEmpty()) {
        continue;
      }
      current.append(current.length() == 0 ? "" : " ").append(code);
      if (code.endsWith(";")) {
        statements.add(current.substring(0, current.length() - 1)
            .replace(":\"svc_audit\"", "\"" + service + "_audit\"")
            .replace(":\"svc\"", "\"" + service + "\"")
            .replace(":'svc'", "'" + service + "'")
            .replace(":'password'", "'" + password.replace("'", "''") + "'"));
        current.setLength(0);
      }
    }
    return statements;
  }

  private static String template() {
    try (InputStream in = ServiceSchemas.class.getResourceAsStream("/postgres/service-schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("postgres/service-schema.sql is missing from the launcher jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
