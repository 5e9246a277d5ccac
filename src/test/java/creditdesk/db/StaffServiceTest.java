package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import creditdesk.domain.StaffRole;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.common.ValidationException;
import creditdesk.service.staff.StaffMember;
import creditdesk.service.staff.StaffService;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class StaffServiceTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private final StaffService staff = new StaffService(db.owner());

  @Test
  void addedLoginHasRoleAndTimeoutsAndAuthenticatesByPassword() throws Exception {
    String login = db.createStaff(StaffRole.SUPPORT);
    assertThat(staff.list()).contains(new StaffMember(login, StaffRole.SUPPORT, true));
    try (Connection c = db.connectAs(login);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout'),"
                + " now()::timestamp = (now() AT TIME ZONE 'UTC')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("3s");
      assertThat(rs.getString(2)).isEqualTo("5s");
      assertThat(rs.getBoolean(3)).as("session time zone is UTC").isTrue();
    }
    assertThatThrownBy(
            () -> java.sql.DriverManager.getConnection(db.jdbcUrl(),
                db.settingsFor(login).withPassword("wrong-password".toCharArray()).jdbcProperties()))
        .hasMessageContaining("password authentication failed");
  }

  @Test
  void changeRoleAndDisable() throws Exception {
    String login = db.createStaff(StaffRole.SUPPORT);
    staff.changeRole(login, StaffRole.ADMIN);
    assertThat(staff.list()).contains(new StaffMember(login, StaffRole.ADMIN, true));
    staff.disable(login);
    assertThat(staff.list()).contains(new StaffMember(login, StaffRole.ADMIN, false));
    assertThatThrownBy(() -> {
          try (Connection c = db.connectAs(login)) {
            c.isValid(1);
          } catch (java.sql.SQLException e) {
            throw creditdesk.service.common.DatabaseErrors.translate(e);
          }
        })
        .isInstanceOf(DatabaseUnavailableException.class);
  }

  @Test
  void rejectsBadLoginNames() {
    assertThatThrownBy(() -> staff.add("Robert'); DROP TABLE x;--", StaffRole.ADMIN, "longenough".toCharArray()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> staff.add("creditdesk_admin", StaffRole.ADMIN, "longenough".toCharArray()))
        .isInstanceOf(ValidationException.class);
  }
}
