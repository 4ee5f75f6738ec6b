package care.sij.progress;

import care.sij.testsupport.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProgressConventionsTest extends ServiceConventionsTest {
  @Override
  protected String service() {
    return "progress";
  }

  @Override
  protected String protectedPath() {
    return "/v1/patients";
  }

  @Override
  protected String readScope() {
    return "progress:read";
  }
}
