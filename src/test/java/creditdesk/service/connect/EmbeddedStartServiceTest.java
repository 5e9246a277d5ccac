package creditdesk.service.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import creditdesk.db.DemoData;
import creditdesk.domain.StaffRole;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.connect.DemoLogins.DemoLogin;
import creditdesk.service.connect.EmbeddedStartService.DemoDataLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's default: a local database under a data directory, with demo logins. */
class EmbeddedStartServiceTest {
  @TempDir Path dataDir;

  @Test
  void firstStartMigratesCreatesDemoLoginsAndLoadsDemoData() throws Exception {
    List<String> progress = new ArrayList<>();
    try (EmbeddedStartService service = new EmbeddedStartService()) {
      DatabaseEndpoint endpoint = service.start(dataDir, progress::add);

      assertThat(endpoint.embedded()).isTrue();
      assertThat(endpoint.displayName()).isEqualTo("Local demo database");
      assertThat(progress)
          .containsExactly(
              EmbeddedStartService.STARTING,
              EmbeddedStartService.MIGRATING,
              EmbeddedStartService.LOADING_DEMO_DATA);
      assertThat(service.start(dataDir)).as("started once per process").isSameAs(endpoint);

      for (DemoLogin demo : DemoLogins.ALL) {
        try (StaffSession session =
            new LoginService().login(endpoint.settingsFor(demo.login(), demo.passwordChars()))) {
          assertThat(session.role()).isEqualTo(demo.role());
          assertThat(session.embedded()).isTrue();
        }
      }
      try (StaffSession support =
              new LoginService()
                  .login(
                      endpoint.settingsFor(
                          DemoLogins.SUPPORT.login(), DemoLogins.SUPPORT.passwordChars()));
          Connection c = support.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(id) FROM \"User\"")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the demo users").isEqualTo(DemoData.Size.DEMO.users());
      }
    }
  }

  @Test
  void secondStartOnTheSameDirectoryKeepsDataAndAddsOnlyMissingLogins() {
    try (EmbeddedStartService first = new EmbeddedStartService(DemoDataLoader.NONE)) {
      DatabaseEndpoint endpoint = first.start(dataDir);
      // An owner disables one demo login and drops nothing: a restart must not re-create or fail.
      try (StaffSession admin =
          new LoginService()
              .login(endpoint.settingsFor(DemoLogins.ADMIN.login(), DemoLogins.ADMIN.passwordChars()))) {
        assertThat(admin.role()).isEqualTo(StaffRole.ADMIN);
      }
    }
    try (EmbeddedStartService second = new EmbeddedStartService(DemoDataLoader.NONE)) {
      DatabaseEndpoint endpoint = second.start(dataDir);
      try (StaffSession analyst =
          new LoginService()
              .login(
                  endpoint.settingsFor(
                      DemoLogins.ANALYST.login(), DemoLogins.ANALYST.passwordChars()))) {
        assertThat(analyst.role()).isEqualTo(StaffRole.ANALYST);
      }
    }
  }

  @Test
  void aDirectoryInUseByAnotherConsoleIsOneSentence() {
    try (EmbeddedStartService first = new EmbeddedStartService(DemoDataLoader.NONE);
        EmbeddedStartService second = new EmbeddedStartService(DemoDataLoader.NONE)) {
      first.start(dataDir);
      assertThatThrownBy(() -> second.start(dataDir))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("in use by another creditdesk")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aClosedServiceDoesNotStartAgain() {
    EmbeddedStartService service = new EmbeddedStartService(DemoDataLoader.NONE);
    service.close();
    assertThatThrownBy(() -> service.start(dataDir)).isInstanceOf(IllegalStateException.class);
  }
}
