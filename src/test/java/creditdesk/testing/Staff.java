package creditdesk.testing;

import creditdesk.domain.StaffRole;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code StaffSession} parameter: a new staff login of this role, logged in to the test
 * class's database by {@link StaffSessionExtension} and closed when the method's scope ends (after
 * the test, or after the class for a {@code @BeforeAll} parameter).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Staff {
  StaffRole value();
}
