package care.sij.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the launcher picks the JDK for the ahead-of-time cache, and when it makes the cache again. */
class SuiteAotTest {
  @TempDir
  Path dir;

  private Path jdk(String name, String version) throws IOException {
    Path home = Files.createDirectories(dir.resolve("jvm").resolve(name));
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    java.toFile().setExecutable(true);
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @Test
  void aJdksFeatureReleaseIsReadFromItsReleaseFile() throws IOException {
    assertEquals(25, Suite.feature(jdk("temurin-25", "25.0.3")));
    assertEquals(17, Suite.feature(jdk("openjdk-17", "17.0.15")));
    assertEquals(0, Suite.feature(Files.createDirectories(dir.resolve("not-a-jdk"))));
  }

  @Test
  void theNewestJdkOf25OrLaterIsChosenAndNoneWhenAllAreOlder() throws IOException {
    jdk("openjdk-17", "17.0.15");
    assertEquals(Optional.empty(), Suite.newestJdk(dir.resolve("jvm")));
    jdk("temurin-25", "25.0.3");
    Path newest = jdk("temurin-26", "26");
    assertEquals(Optional.of(newest), Suite.newestJdk(dir.resolve("jvm")));
    assertEquals(Optional.empty(), Suite.newestJdk(dir.resolve("nowhere")));
  }

  @Test
  void aCacheOlderThanTheJarOrAnyOfItsLibrariesIsMadeAgain() throws IOException {
    Suite.Service catalog = Suite.SERVICES.get(0);
    Suite suite = suite(List.of());
    Path jar = catalog.jar(dir);
    Path lib = Files.createDirectories(jar.resolveSibling("lib")).resolve("some-library.jar");
    Files.writeString(jar, "jar");
    Files.writeString(lib, "library");
    Path cache = suite.aotCache(catalog);
    assertFalse(suite.aotCacheIsCurrent(catalog), "no cache yet");

    Instant built = Instant.parse("2026-11-21T10:00:00Z");
    Files.setLastModifiedTime(jar, FileTime.from(built));
    Files.setLastModifiedTime(lib, FileTime.from(built));
    Files.writeString(cache, "cache");
    Files.setLastModifiedTime(cache, FileTime.from(built.plusSeconds(60)));
    assertTrue(suite.aotCacheIsCurrent(catalog), "made after the build");

    Files.setLastModifiedTime(jar, FileTime.from(built.plusSeconds(120)));
    assertFalse(suite.aotCacheIsCurrent(catalog), "the jar was rebuilt");
    Files.setLastModifiedTime(jar, FileTime.from(built));
    Files.setLastModifiedTime(lib, FileTime.from(built.plusSeconds(120)));
    assertFalse(suite.aotCacheIsCurrent(catalog), "a library changed");
  }

  @Test
  void theServicesCachesThatABuildMadeStaleAreRemovedWhateverTheirOptions() throws IOException {
    Suite.Service catalog = Suite.SERVICES.get(0);
    Path jar = catalog.jar(dir);
    Files.createDirectories(jar.resolveSibling("lib"));
    Files.writeString(jar, "jar");
    Instant built = Instant.parse("2026-11-21T10:00:00Z");
    Files.setLastModifiedTime(jar, FileTime.from(built));
    Path stale = cacheMadeAt(catalogCache(List.of("-Xmx80m")), built.minusSeconds(60));
    Path staleOfOtherOptions = cacheMadeAt(catalogCache(List.of("-Xmx80m", "-XX:StartFlightRecording")), built.minusSeconds(60));
    Path currentOfOtherOptions = cacheMadeAt(catalogCache(List.of("-Xmx64m")), built.plusSeconds(60));
    Path otherService = cacheMadeAt(jar.resolveSibling(Suite.SERVICES.get(1).name() + "-jdk25.0.3-0.aot"), built.minusSeconds(60));
    Path notACache = cacheMadeAt(jar.resolveSibling("catalog-notes.txt"), built.minusSeconds(60));

    suite(List.of("-Xmx80m")).removeStaleAotCaches(catalog);

    assertFalse(Files.exists(stale), "its own, stale");
    assertFalse(Files.exists(staleOfOtherOptions), "of other options, stale");
    assertTrue(Files.exists(currentOfOtherOptions), "of other options, still current");
    assertTrue(Files.exists(otherService), "another service's");
    assertTrue(Files.exists(notACache), "not a cache");
  }

  private static Path cacheMadeAt(Path cache, Instant made) throws IOException {
    Files.writeString(cache, "cache");
    Files.setLastModifiedTime(cache, FileTime.from(made));
    return cache;
  }

  @Test
  void eachSetOfJvmOptionsHasACacheOfItsOwn() {
    Path plain = catalogCache(List.of("-Xmx80m"));
    assertNotEquals(plain, catalogCache(List.of("-Xmx80m", "-XX:StartFlightRecording")));
    assertEquals(plain, catalogCache(List.of("-Xmx80m")));
    assertEquals(Suite.SERVICES.get(0).jar(dir).getParent(), plain.getParent(), "next to the jar, so that mvn clean drops it");
  }

  private Path catalogCache(List<String> jvmOptions) {
    return suite(jvmOptions).aotCache(Suite.SERVICES.get(0));
  }

  private Suite suite(List<String> jvmOptions) {
    return new Suite(new Suite.Options(dir, dir.resolve(".local"), false, 0, jvmOptions, true, false, line -> {}));
  }
}
