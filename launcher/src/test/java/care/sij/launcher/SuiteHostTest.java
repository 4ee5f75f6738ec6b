package care.sij.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the launcher makes the services listen, and how it reaches them there. */
class SuiteHostTest {
  @Test
  void theServicesListenOnLoopbackUnlessToldOtherwise() {
    Path root = Path.of(".");
    assertEquals(Suite.LOOPBACK, new Suite.Options(root, root, false, 0, List.of(), false, false, line -> {}).host());
    assertEquals("0.0.0.0", Suite.Options.localRun(root, false, "0.0.0.0").host());
  }

  @Test
  void aServiceOnEveryInterfaceIsReachedAtLocalhostAndOnOneAddressAtThatAddress() {
    assertEquals("localhost", Suite.reachableAt("0.0.0.0"));
    assertEquals("localhost", Suite.reachableAt("::"));
    assertEquals("127.0.0.1", Suite.reachableAt("127.0.0.1"));
    assertEquals("192.0.2.7", Suite.reachableAt("192.0.2.7"));
    assertEquals("[::1]", Suite.reachableAt("::1"));
  }
}
