package care.sij.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test method or class whose exchanges are not held to the contract ({@link ContractValidation}):
 * keep it for what the contract cannot describe, and say why.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WithoutContractValidation {
  /** Why this test's exchanges cannot be held to the contract. */
  String value();
}
