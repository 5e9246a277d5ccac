package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import creditdesk.domain.StaffRole;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Staff sessions carry their group's timeouts, so a frozen console never holds a row for long. */
class SessionTimeoutTest {
  private final TestDatabase db = TestPostgres.newDatabase();

  /** From V2, in milliseconds: lock_timeout, statement_timeout, idle_in_transaction_session_timeout. */
  private static final Map<StaffRole, List<Long>> EXPECTED = Map.of(
      StaffRole.SUPPORT, List.of(3_000L, 30_000L, 5_000L),
      StaffRole.ADMIN, List.of(3_000L, 30_000L, 5_000L),
      StaffRole.ANALYST, List.of(3_000L, 0L, 60_000L));

  @Test
  void staffLoginsHaveTheirGroupsTimeouts() throws Exception {
    for (StaffRole role : StaffRole.values()) {
      String login = db.createStaff(role);
      try (Connection owner = db.ownerConnection()) {
        Catalog catalog = new Catalog(owner);
        assertThat(catalog.roleSettings(login)).as(role + " login settings")
            .containsAll(catalog.roleSettings(role.groupRole()))
            .hasSize(catalog.roleSettings(role.groupRole()).size());
      }
      try (Connection c = db.connectAs(login);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT"
              + " (SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'),"
              + " (SELECT setting::bigint FROM pg_settings WHERE name = 'statement_timeout'),"
              + " (SELECT setting::bigint FROM pg_settings"
              + "   WHERE name = 'idle_in_transaction_session_timeout')")) {
        rs.next();
        List<Long> actual = List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        assertThat(actual).as(role + " session").containsExactlyElementsOf(EXPECTED.get(role));
      }
    }
  }

  @Test
  void anAdminSessionIdleInATransactionIsEnded() throws Exception {
    String admin = db.createStaff(StaffRole.ADMIN);
    try (Connection c = db.connectAs(admin)) {
      c.setAutoCommit(false);
      int pid;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      long idleSince = System.nanoTime();
      // Watch from the owner's side instead of sleeping a fixed time: done as soon as it is gone.
      long goneAfterMillis = -1;
      while (System.nanoTime() - idleSince < 10_000_000_000L) {
        if (db.count("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid) == 0) {
          goneAfterMillis = (System.nanoTime() - idleSince) / 1_000_000;
          break;
        }
        Thread.sleep(100);
      }
      assertThat(goneAfterMillis).as("session ended after (ms)").isBetween(4_500L, 8_000L);
      SQLException next = catchThrowableOfType(SQLException.class, () -> {
        try (Statement s = c.createStatement()) {
          s.executeQuery("SELECT 1").close();
        }
      });
      assertThat((Throwable) next).as("the next statement").isNotNull();
      assertThat(next.getSQLState()).matches("25P03|08.*");
    }
  }
}
