package creditdesk.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test class using {@link StaffSessionExtension}: each test gets a database of its own
 * instead of the class's one, for tests that change grants or types or count rows globally.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface DatabasePerTest {}
