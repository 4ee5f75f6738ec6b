package care.sij.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Holds every {@code @QuarkusTest} of a service to its committed contract, without each test asking:
 * before each test it puts {@link ContractValidation} among REST Assured's global filters, for the
 * service the application name names (contracts/&lt;quarkus.application.name&gt;.yaml).
 */
public final class ContractValidationCallback implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {
  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    String service = ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class).orElse("");
    boolean hasContract = !service.isEmpty() && Files.exists(ContractValidation.contractFile(service));
    if (!hasContract) {
      if (service.endsWith("-service")) {
        throw new IllegalStateException("no committed contract " + ContractValidation.contractFile(service) + " for " + service);
      }
      return; // a module that publishes no API
    }
    ContractValidation.install(service);
    Method method = context.getTestMethod();
    Class<?> testClass = context.getTestInstance().getClass();
    String reason = reasonToSkip(method);
    for (Class<?> c = testClass; reason == null && c != null; c = c.getSuperclass()) {
      reason = reasonToSkip(c);
    }
    ContractValidation.aroundTest(testClass.getSimpleName() + "." + method.getName(), reason);
  }

  @Override
  public void afterEach(QuarkusTestMethodContext context) {
    ContractValidation.aroundTest("", null);
  }

  /** Matched by name: the test's class loader may not be the one that loaded this class. */
  static String reasonToSkip(AnnotatedElement element) {
    for (Annotation annotation : element.getAnnotations()) {
      if (annotation.annotationType().getName().equals(WithoutContractValidation.class.getName())) {
        try {
          return String.valueOf(annotation.annotationType().getMethod("value").invoke(annotation));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return null;
  }
}
