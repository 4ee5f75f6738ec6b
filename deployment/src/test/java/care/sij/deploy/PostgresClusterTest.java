package care.sij.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CloudNativePG cluster's schema script gives each service what docker/postgres/service-schema.sql gives it elsewhere. */
class PostgresClusterTest {
  static Stream<String> kustomizations() throws IOException {
    return Manifests.kustomizations();
  }

  /** Statements of a script, comments dropped, whitespace collapsed; dollar-quoted blocks kept whole. */
  static List<String> statements(String sql) {
    List<String> all = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean dollar = false;
    for (String line : sql.split("\n")) {
      String code = line.replaceFirst("--.*$", "").strip();
      if (code.isEmpty()) {
        continue;
      }
      current.append(current.length() == 0 ? "" : " ").append(code);
      dollar ^= (code.split("\\$\\$", -1).length - 1) % 2 == 1;
      if (!dollar && code.endsWith(";")) {
        all.add(current.toString().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")"));
        current.setLength(0);
      }
    }
    assertEquals("", current.toString().strip(), "a statement without its semicolon");
    return all;
  }

  /** service-schema.sql for one service without the statements that set a password (CloudNativePG sets it from the role's Secret). */
  private static List<String> composeStatements(String service) throws IOException {
    String template = Files.readString(Manifests.root().getParent().getParent().resolve("docker/postgres/service-schema.sql"));
    return statements(template).stream().filter(s -> !s.toUpperCase(Locale.ROOT).contains("PASSWORD"))
        .map(s -> s.replace(":\"svc_audit\"", "\"" + service + "_audit\"").replace(":\"svc\"", "\"" + service + "\""))
        .map(s -> s.replaceAll("\\s+", " ")).toList();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void theClustersSchemaScriptMakesEachServicesSchemaAsTheComposeScriptDoes(String kustomization) throws IOException {
    Manifests m = Manifests.load(kustomization);
    CnpgCluster.KeyReference ref = m.clusters.get("sij-postgres").spec().bootstrap().initdb().postInitApplicationSQLRefs().configMapRefs().get(0);
    String script = m.configMaps.get(ref.name()).getData().get(ref.key());
    List<String> statements = statements(script);
    List<String> expected = new ArrayList<>();
    for (String service : m.deployments.keySet()) {
      expected.add("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + service + "') THEN CREATE ROLE \"" + service
          + "\" NOLOGIN; END IF; END $$;");
      expected.addAll(composeStatements(service));
    }
    assertFalse(composeStatements("catalog").isEmpty());
    assertEquals(expected.stream().map(s -> s.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")")).toList(), statements);
    assertFalse(script.toUpperCase(Locale.ROOT).contains("PASSWORD"), "passwords come from the roles' Secrets only");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void theClusterConfirmsEachCommitOnAStandby(String kustomization) {
    CnpgCluster.Spec spec = Manifests.load(kustomization).clusters.get("sij-postgres").spec();
    assertEquals(3, spec.instances());
    assertTrue(spec.postgresql().synchronous().number() >= 1, "a failover must not lose an answered write");
    assertEquals("sijcare", spec.bootstrap().initdb().database());
  }
}
