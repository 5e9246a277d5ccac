package creditdesk.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.domain.StaffRole;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.CurrentThreadTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainViewModelTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private final List<String> navigation = new ArrayList<>();

  private final MainViewModel.Navigation recorder =
      new MainViewModel.Navigation() {
        @Override
        public void loggedOut() {
          navigation.add("logged out");
        }

        @Override
        public void quit() {
          navigation.add("quit");
        }
      };

  @Test
  void statusBarShowsWhoWhereAndWhichSchema() {
    String analyst = db.createStaff(StaffRole.ANALYST);
    StaffSession session =
        new LoginService()
            .login(db.settingsFor(analyst));
    MainViewModel vm = new MainViewModel(session, new CurrentThreadTaskExecutor(), recorder);
    try {
      assertThat(vm.getLogin()).isEqualTo(analyst);
      assertThat(vm.getRole()).isEqualTo(StaffRole.ANALYST);
      assertThat(vm.getRoleLabel()).isEqualTo("Analyst");
      assertThat(vm.getDatabase()).contains(db.name());
      assertThat(vm.getSchemaVersion()).isEqualTo("Schema " + session.schemaVersion());
      assertThat(vm.getTitle()).contains(analyst).contains("Analyst");
      assertThat(vm.aboutText()).contains("PostgreSQL " + session.serverVersion());
    } finally {
      vm.close();
    }
  }

  @Test
  void logOutClosesTheSessionThenLeaves() {
    String support = db.createStaff(StaffRole.SUPPORT);
    StaffSession session = new LoginService().login(db.settingsFor(support));
    MainViewModel vm = new MainViewModel(session, new CurrentThreadTaskExecutor(), recorder);

    vm.logOut();

    assertThat(navigation).containsExactly("logged out");
    assertThat(vm.isClosed()).isTrue();
    assertThat(((HikariDataSource) session.dataSource()).isClosed()).isTrue();
    assertThat(vm.isBusy()).isFalse();
    vm.logOut();
    assertThat(navigation).as("a second log out does nothing").containsExactly("logged out");
  }
}
