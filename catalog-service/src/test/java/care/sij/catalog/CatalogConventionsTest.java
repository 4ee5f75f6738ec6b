package care.sij.catalog;

import care.sij.testsupport.ServiceConventionsTestBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CatalogConventionsTest extends ServiceConventionsTestBase {
  @Override
  protected String service() {
    return "catalog";
  }

  @Override
  protected String protectedPath() {
    return "/v1/sources";
  }

  @Override
  protected String readScope() {
    return "catalog:read";
  }
}
