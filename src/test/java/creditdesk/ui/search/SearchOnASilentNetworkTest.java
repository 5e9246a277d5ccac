package creditdesk.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.app.SettingsFile;
import creditdesk.db.ConnectionSettings;
import creditdesk.domain.StaffRole;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.search.UserSearchService;
import creditdesk.testing.TcpRelay;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.CurrentThreadTaskExecutor;
import creditdesk.ui.Debouncer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The search screen's model over a real service whose pool goes through a relay that goes silent. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SearchOnASilentNetworkTest {
  private final TestDatabase db = TestPostgres.newDatabase();

  @Test
  void aBlackHoledSearchEndsInTheErrorStateWithOneSentenceInTime() throws Exception {
    db.insertUser("silent@example.com", 1, 2);
    String support = db.createStaff(StaffRole.SUPPORT);
    // A small read timeout keeps the test short; ConnectionLossTest checks the shipped figure.
    System.setProperty("creditdesk.socketTimeoutSeconds", "3");
    System.setProperty("creditdesk.connectTimeoutSeconds", "2");
    try (TcpRelay relay = new TcpRelay(TestPostgres.cluster().port());
        StaffSession session = new LoginService().login(new ConnectionSettings(
            relay.through(db.jdbcUrl()), support, TestDatabase.STAFF_PASSWORD.toCharArray(), false))) {
      SearchViewModel model = new SearchViewModel(new UserSearchService(session.sessionFactory()),
          new CurrentThreadTaskExecutor(), Debouncer.IMMEDIATE, SettingsFile.inMemory(), id -> { });
      model.queryProperty().set("silent@"); // searches at once (IMMEDIATE debouncer)
      assertThat(model.getState()).isEqualTo(SearchViewModel.State.RESULTS);

      relay.blackHole();
      long start = System.nanoTime();
      model.queryProperty().set("silent@example");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(model.getState()).isEqualTo(SearchViewModel.State.ERROR);
      assertThat(took).isLessThan(Duration.ofSeconds(8));
      assertThat(model.getMessage())
          .startsWith("The database")
          .doesNotContain("\n", "Exception", "select", "total=", "creditdesk-");
    } finally {
      System.clearProperty("creditdesk.socketTimeoutSeconds");
      System.clearProperty("creditdesk.connectTimeoutSeconds");
    }
  }
}
