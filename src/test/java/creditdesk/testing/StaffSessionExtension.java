package creditdesk.testing;

import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test the class's database ({@link TestDatabase} parameter: one migrated database per
 * test class, made on first use) and logged-in staff sessions ({@code @Staff(ADMIN) StaffSession
 * admin}: a new login of that role in that database). A session lives as long as the scope that
 * asked for it: a test (or its {@code @BeforeEach}) or, asked for in {@code @BeforeAll}, the class.
 * The login's name is {@link StaffSession#login()}.
 */
public final class StaffSessionExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StaffSessionExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestDatabase.class
        || (type == StaffSession.class && parameter.isAnnotated(Staff.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestDatabase db = database(context);
    if (parameter.getParameter().getType() == TestDatabase.class) {
      return db;
    }
    Staff staff = parameter.findAnnotation(Staff.class)
        .orElseThrow(() -> new ParameterResolutionException("a StaffSession needs @Staff(role)"));
    StaffSession session = new LoginService().login(db.settingsFor(db.createStaff(staff.value())));
    // Closed with the scope that asked: the method's store for a test, the class's for @BeforeAll.
    context.getStore(NAMESPACE).put(new Object(), (ExtensionContext.Store.CloseableResource) session::close);
    return session;
  }

  /**
   * The database of the test class (shared by its tests, like a {@code @BeforeAll} one), or of
   * the test when the class says {@link DatabasePerTest}.
   */
  public static TestDatabase database(ExtensionContext context) {
    ExtensionContext owner = context;
    boolean perTest = context.getTestClass()
        .map(c -> c.isAnnotationPresent(DatabasePerTest.class)).orElse(false);
    while (!perTest && owner.getTestMethod().isPresent() && owner.getParent().isPresent()) {
      owner = owner.getParent().get();
    }
    return owner.getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestDatabase.class, k -> TestPostgres.newDatabase(), TestDatabase.class);
  }
}
