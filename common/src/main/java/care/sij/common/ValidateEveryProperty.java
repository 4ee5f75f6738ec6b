package care.sij.common;

import jakarta.inject.Singleton;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation checks every property without first asking Hibernate, by reflection, whether it is
 * loaded: that question only guards lazy associations, and no entity of ours has one.
 */
@Singleton
class ValidateEveryProperty implements TraversableResolver {
  @Override
  public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty, ElementType elementType) {
    return true;
  }

  @Override
  public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty, ElementType elementType) {
    return true;
  }
}
