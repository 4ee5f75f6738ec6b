package care.sij.common;

import jakarta.inject.Singleton;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation checks every property. With Hibernate ORM present, the default first asks it,
 * by reflection, whether each constrained property is loaded, even of request records that are no
 * entities: a quarter of a session write's validation (bench/, JFR). That question only guards lazy
 * associations, and no entity of ours has one.
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
