package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V7's fast "is this session staff?" test keeps V4's meaning: explicit membership decides, and
 * superusers (members of every role for pg_has_role) are staff only through an explicit grant.
 */
class FastStaffCheckTest {
  /** V4's definition of creditdesk.staff_role, verbatim, as the reference. */
  private static final String V4_STAFF_ROLE = """
      WITH RECURSIVE granted(roleid) AS (
        SELECT m.roleid FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
         WHERE r.rolname = ?
        UNION
        SELECT m.roleid FROM pg_auth_members m JOIN granted g ON m.member = g.roleid
      )
      SELECT CASE
               WHEN bool_or(r.rolname = 'creditdesk_admin') THEN 'admin'
               WHEN bool_or(r.rolname = 'creditdesk_support') THEN 'support'
               WHEN bool_or(r.rolname = 'creditdesk_analyst') THEN 'analyst'
             END
        FROM granted g JOIN pg_roles r ON r.oid = g.roleid""";

  private final TestDatabase db = TestPostgres.newDatabase();
  private UUID user;

  @BeforeEach
  void user() {
    user = db.insertUser("ada@example.com", 10, 20);
  }

  @Test
  void superuserWithoutMembershipIsNeitherStampedNorAudited() throws Exception {
    String su = superuser();
    try (Connection c = db.connectAs(su)) {
      assertThat(staffRole(c)).isNull();
      UUID row = insertLedgerRow(c, "{\"actor\":\"nightly-job\"}");
      assertThat(actorOf(row)).as("metadata left alone").isEqualTo("nightly-job");
      assertThat(actorOf(insertLedgerRow(c, null))).isNull();
      deductOne(c);
    }
    assertThat(db.balance(user, "free_credits")).isEqualTo(9);
    assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit")).isZero();
  }

  @Test
  void superuserThatIsExplicitlyAnAdminIsStampedAndAudited() throws Exception {
    String su = superuser();
    db.execute("GRANT creditdesk_admin TO " + su);
    try (Connection c = db.connectAs(su)) {
      assertThat(staffRole(c)).isEqualTo("admin");
      assertThat(actorOf(insertLedgerRow(c, "{\"actor\":\"forged\"}"))).isEqualTo(su);
      deductOne(c);
    }
    assertThat(audits()).containsExactly(List.of(su, "admin", "10", "9"));
  }

  @Test
  void loginInheritingThroughAnIntermediateRoleIsStampedAndAudited() throws Exception {
    String team = db.createLogin("team");
    db.execute("ALTER ROLE " + team + " NOLOGIN; GRANT creditdesk_support TO " + team);
    String member = db.createLogin("member");
    db.execute("GRANT " + team + " TO " + member);
    db.execute("GRANT INSERT ON \"CreditTransaction\" TO " + member);
    db.execute("GRANT UPDATE (free_credits) ON \"User\" TO " + member);
    try (Connection c = db.connectAs(member)) {
      assertThat(staffRole(c)).isEqualTo("support");
      assertThat(actorOf(insertLedgerRow(c, null))).isEqualTo(member);
      deductOne(c);
    }
    assertThat(audits()).containsExactly(List.of(member, "support", "10", "9"));
  }

  @Test
  void theWebAppsOrdinaryLoginIsNeitherStampedNorAudited() throws Exception {
    String webApp = db.createLogin("webapp");
    db.execute("GRANT SELECT, INSERT, UPDATE ON \"User\", \"CreditTransaction\" TO " + webApp);
    try (Connection c = db.connectAs(webApp)) {
      assertThat(actorOf(insertLedgerRow(c, "{\"documentType\":\"brag_doc\"}"))).isNull();
      deductOne(c);
    }
    assertThat(db.balance(user, "free_credits")).isEqualTo(9);
    assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit")).isZero();
  }

  @Test
  void adjustmentThroughTheDefinerFunctionIsStampedWithTheStaffLogin() throws Exception {
    // Inside creditdesk.adjust current_user is the owner (a superuser here): the triggers must
    // still see the admin's session login, and only it.
    String admin = db.createStaff(StaffRole.ADMIN);
    try (Connection c = db.connectAs(admin);
        PreparedStatement ps = c.prepareStatement(
            "SELECT ledger_id FROM creditdesk.adjust('grant', ?, 'document_generation', 3,"
                + " 'goodwill after outage', NULL, 'fast-1')")) {
      ps.setObject(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(actorOf(rs.getObject(1, UUID.class))).isEqualTo(admin);
      }
    }
    assertThat(audits()).containsExactly(List.of(admin, "admin", "10", "13"));
  }

  @Test
  void staffRoleAnswersAsV4DidForEveryKindOfRole() throws Exception {
    // Roles of every shape: groups themselves, partial and full memberships, chains, superusers.
    String analyst = db.createLogin("an");
    db.execute("GRANT creditdesk_analyst TO " + analyst);
    String supportAnalyst = db.createLogin("sa");
    db.execute("GRANT creditdesk_support, creditdesk_analyst TO " + supportAnalyst);
    String all = db.createLogin("all");
    db.execute("GRANT creditdesk_admin, creditdesk_support, creditdesk_analyst TO " + all);
    String suSupport = superuser();
    db.execute("GRANT creditdesk_support TO " + suSupport);
    String suOther = superuser();
    db.execute("GRANT " + analyst + " TO " + suOther);
    String suNone = superuser();
    String chained = db.createLogin("chain");
    db.execute("GRANT " + supportAnalyst + " TO " + chained);

    List<String> logins = new ArrayList<>(List.of("creditdesk_admin", "creditdesk_support",
        "creditdesk_analyst", "postgres", "no_such_login", analyst, supportAnalyst, all, suSupport,
        suOther, suNone, chained));
    try (Connection c = db.ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT rolname FROM pg_roles")) {
      while (rs.next()) {
        logins.add(rs.getString(1));
      }
    }
    try (Connection c = db.ownerConnection();
        PreparedStatement v7 = c.prepareStatement("SELECT creditdesk.staff_role(?)");
        PreparedStatement v4 = c.prepareStatement(V4_STAFF_ROLE)) {
      for (String login : logins) {
        assertThat(single(v7, login)).as(login).isEqualTo(single(v4, login));
      }
      assertThat(single(v7, analyst)).isEqualTo("analyst");
      assertThat(single(v7, supportAnalyst)).isEqualTo("support");
      assertThat(single(v7, all)).isEqualTo("admin");
      assertThat(single(v7, suSupport)).isEqualTo("support");
      assertThat(single(v7, suOther)).isEqualTo("analyst");
      assertThat(single(v7, suNone)).isNull();
      assertThat(single(v7, chained)).isEqualTo("support");
      assertThat(single(v7, "creditdesk_admin")).isNull();
      assertThat(single(v7, "no_such_login")).isNull();
      assertThat(single(v7, null)).isNull();
    }
  }

  private String superuser() {
    String login = db.createLogin("su");
    db.execute("ALTER ROLE " + login + " SUPERUSER");
    return login;
  }

  private static String single(PreparedStatement ps, String login) throws SQLException {
    ps.setString(1, login);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String staffRole(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT creditdesk.staff_role(session_user)")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void deductOne(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE \"User\" SET free_credits = free_credits - 1 WHERE id = ? AND free_credits >= 1")) {
      ps.setObject(1, user);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  private UUID insertLedgerRow(Connection c, String metadata) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
            + " VALUES (?, 1, 'grant', 'document_generation', ?::jsonb) RETURNING id")) {
      ps.setObject(1, user);
      ps.setString(2, metadata);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  private String actorOf(UUID ledgerRow) throws SQLException {
    try (Connection c = db.ownerConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT metadata->>'actor' FROM \"CreditTransaction\" WHERE id = ?")) {
      ps.setObject(1, ledgerRow);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  /** (login, role, old, new) of each free_credits audit row, oldest first. */
  private List<List<String>> audits() throws SQLException {
    List<List<String>> result = new ArrayList<>();
    try (Connection c = db.ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT login, staff_role, old_value, new_value"
            + " FROM creditdesk.balance_audit WHERE balance = 'free_credits' ORDER BY id")) {
      while (rs.next()) {
        result.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    return result;
  }
}
