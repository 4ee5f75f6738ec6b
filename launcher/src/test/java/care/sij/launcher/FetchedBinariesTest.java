package care.sij.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A machine with only a JDK and Maven: the cluster runs from the binaries that came by Maven coordinates. */
class FetchedBinariesTest {
  @Test
  void aClusterStartsFromTheBinariesFetchedByMavenCoordinatesEvenWhereTheSystemHasSome() throws Exception {
    System.setProperty("sij.pg.binaries", "fetched");
    try {
      Path bin = LocalCluster.findBinaries().orElseThrow();
      assertTrue(bin.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), "not the system's: " + bin);
      assertTrue(Files.isExecutable(bin.resolve("postgres")), "unpacked: " + bin);
      // under target/, which the unprivileged user PostgreSQL runs as can reach (a JUnit temporary directory is the owner's only)
      Path clusterDir = Files.createDirectories(Path.of("target", "fetched-binaries-" + UUID.randomUUID()));
      try (Postgres postgres = LocalCluster.start(clusterDir, false, false).orElseThrow();
          Connection c = postgres.admin().connect();
          ResultSet version = c.createStatement().executeQuery("SELECT version()")) {
        assertTrue(version.next());
        assertTrue(version.getString(1).startsWith("PostgreSQL 15."), version.getString(1));
        assertTrue(postgres.describe().contains(bin.toString()), "runs from the fetched binaries: " + postgres.describe());
      }
    } finally {
      System.clearProperty("sij.pg.binaries");
    }
  }
}
