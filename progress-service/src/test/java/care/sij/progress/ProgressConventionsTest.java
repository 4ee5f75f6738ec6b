package care.sij.progress;

import care.sij.testsupport.ServiceConventionsTestBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProgressConventionsTest extends ServiceConventionsTestBase {
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
