package care.sij.triage;

import care.sij.testsupport.ServiceConventionsTestBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TriageConventionsTest extends ServiceConventionsTestBase {
  @Override
  protected String service() {
    return "triage";
  }

  @Override
  protected String protectedPath() {
    return "/v1/assessments";
  }

  @Override
  protected String readScope() {
    return "triage:read";
  }
}
