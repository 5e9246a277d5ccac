package creditdesk.bench;

import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.search.UserSearchService;
import java.util.List;

/**
 * From a staff login to its first search result; the session it opens then serves the search and
 * history sections, and is closed with this section.
 */
final class LoginToFirstResult implements BenchSection, AutoCloseable {
  static final String NAME = "login to first search result";
  private final BenchContext ctx;
  private StaffSession session;

  LoginToFirstResult(BenchContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public List<Measurement> run() throws Exception {
    long start = System.nanoTime();
    session = new LoginService().login(ctx.admin());
    new UserSearchService(session.sessionFactory()).search("gmail", 0);
    double millis = (System.nanoTime() - start) / 1e6;
    return List.of(new Measurement(NAME, "ms", millis, Double.NaN,
        "LoginService.login (pool, role, schema check, Hibernate validation) + search"));
  }

  /** The session {@link #run} opened. */
  StaffSession session() {
    return session;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
  }
}
