package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.testing.SqlOutcome;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every balance change made in a staff session leaves an append-only record; the web app's do not. */
class BalanceAuditTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private UUID ada;
  private UUID legacy;
  private String admin;

  @BeforeEach
  void setUp() {
    ada = db.insertUser("ada@example.com", 10, 20);
    legacy = db.insertUser("legacy@example.com", null, null);
    admin = db.createStaff(StaffRole.ADMIN);
  }

  record Audit(UUID user, String balance, Integer oldValue, Integer newValue, String login,
      String role, LocalDateTime at) {}

  @Test
  void adjustmentsAndDirectUpdatesInStaffSessionsAreRecorded() throws Exception {
    LocalDateTime start = utcNow();
    try (Connection c = db.connectAs(admin);
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT * FROM creditdesk.adjust('grant', '" + ada + "', 'document_generation',"
          + " 3, 'goodwill after outage', NULL, 'audit-1')").close();
      s.executeQuery("SELECT * FROM creditdesk.adjust('correct', '" + ada + "', 'chat_message',"
          + " 5, 'double grant last week', NULL, 'audit-2')").close();
    }
    // A DBA's mistake: direct UPDATE on a balance column. The change still leaves a record.
    db.execute("GRANT UPDATE (free_credits) ON \"User\" TO " + admin);
    try (Connection c = db.connectAs(admin);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE \"User\" SET free_credits = free_credits - 4 WHERE id = '" + ada + "'");
      s.executeUpdate("UPDATE \"User\" SET free_credits = coalesce(free_credits, 0) + 1"
          + " WHERE id = '" + legacy + "'");
    }
    LocalDateTime end = utcNow();

    List<Audit> audits = audits();
    assertThat(audits).extracting(a -> List.of(a.user(), a.balance(), String.valueOf(a.oldValue()),
            String.valueOf(a.newValue()), a.login(), a.role()))
        .containsExactly(
            List.of(ada, "free_credits", "10", "13", admin, "admin"),
            List.of(ada, "free_chat_messages", "20", "15", admin, "admin"),
            List.of(ada, "free_credits", "13", "9", admin, "admin"),
            List.of(legacy, "free_credits", "null", "1", admin, "admin"));
    assertThat(audits).allSatisfy(a -> assertThat(a.at()).isBetween(start, end));
  }

  @Test
  void theWebAppsOwnChangesAreNotRecorded() {
    db.webAppDeduct(ada, "document_generation", 2);
    db.webAppDeduct(ada, "chat_message", 1);
    db.execute("UPDATE \"User\" SET free_credits = COALESCE(free_credits, 0) + 2 WHERE id = '" + ada + "'");
    assertThat(db.balance(ada, "free_credits")).isEqualTo(10);
    assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit")).isZero();
  }

  @Test
  void auditRowsCannotBeChangedButGoWithTheirUser() throws Exception {
    try (Connection c = db.connectAs(admin);
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT * FROM creditdesk.adjust('grant', '" + ada + "', 'document_generation',"
          + " 1, 'goodwill after outage', NULL, 'audit-3')").close();
      s.executeQuery("SELECT * FROM creditdesk.adjust('grant', '" + legacy + "', 'chat_message',"
          + " 1, 'goodwill after outage', NULL, 'audit-4')").close();
    }
    try (Connection c = db.ownerConnection()) {
      for (String change : List.of(
          "UPDATE creditdesk.balance_audit SET new_value = 1000",
          "DELETE FROM creditdesk.balance_audit WHERE user_id = '" + ada + "'",
          "TRUNCATE creditdesk.balance_audit")) {
        SqlOutcome outcome = SqlOutcome.attempt(c, change);
        assertThat(outcome.sqlState()).as(change).isEqualTo("42501");
        assertThat(outcome.message()).as(change).contains("append-only");
      }
    }
    assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit")).isEqualTo(2);

    db.execute("DELETE FROM \"User\" WHERE id = '" + ada + "'");
    assertThat(audits()).extracting(Audit::user).containsExactly(legacy);
    assertThat(db.count("SELECT count(*) FROM creditdesk.adjustment WHERE user_id = '" + ada + "'"))
        .isZero();
  }

  private List<Audit> audits() throws Exception {
    List<Audit> result = new ArrayList<>();
    try (Connection c = db.ownerConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT user_id, balance, old_value, new_value, login, staff_role, changed_at"
                + " FROM creditdesk.balance_audit ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.add(new Audit(rs.getObject(1, UUID.class), rs.getString(2),
            (Integer) rs.getObject(3), (Integer) rs.getObject(4), rs.getString(5), rs.getString(6),
            rs.getObject(7, LocalDateTime.class)));
      }
    }
    return result;
  }

  private LocalDateTime utcNow() throws Exception {
    try (Connection c = db.ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT clock_timestamp() AT TIME ZONE 'UTC'")) {
      rs.next();
      return rs.getObject(1, LocalDateTime.class);
    }
  }
}
