package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A ledger row written in a staff session carries that session's login, whatever the client says. */
class AttributionTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private UUID user;

  @BeforeEach
  void user() {
    user = db.insertUser("ada@example.com", 10, 20);
  }

  @Test
  void adjustmentRecordsTheAdminsOwnLogin() throws Exception {
    String admin = db.createStaff(StaffRole.ADMIN);
    try (Connection c = db.connectAs(admin);
        PreparedStatement ps = c.prepareStatement(
            "SELECT ledger_id, metadata->>'actor' FROM creditdesk.adjust('grant', ?,"
                + " 'document_generation', 3, 'goodwill after outage', 'T-1', 'attr-1')")) {
      ps.setObject(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getString(2)).isEqualTo(admin);
        assertThat(actorOf(rs.getObject(1, UUID.class))).isEqualTo(admin);
      }
    }
  }

  @Test
  void directInsertByAStaffLoginIsStampedWithItsLoginNotWhatItClaims() throws Exception {
    String admin = db.createStaff(StaffRole.ADMIN);
    // Indirect membership counts too: login -> team role -> creditdesk_admin.
    String team = db.createLogin("team");
    db.execute("ALTER ROLE " + team + " NOLOGIN; GRANT creditdesk_admin TO " + team);
    String member = db.createLogin("member");
    db.execute("GRANT " + team + " TO " + member);
    for (String login : new String[] {admin, member}) {
      // A DBA's mistake: direct INSERT on the ledger.
      db.execute("GRANT INSERT ON \"CreditTransaction\" TO " + login);
      try (Connection c = db.connectAs(login)) {
        UUID forged = insertLedgerRow(c, "{\"actor\":\"someone_else\",\"reason\":\"x\"}");
        assertThat(actorOf(forged)).as(login).isEqualTo(login);
        assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE id = '" + forged
            + "' AND metadata->>'reason' = 'x'")).as("other keys kept").isEqualTo(1);
        assertThat(actorOf(insertLedgerRow(c, null))).isEqualTo(login);
      }
    }
  }

  @Test
  void theWebAppsOwnInsertsGetNoActor() throws Exception {
    // As the superuser (the embedded default's owner) ...
    assertThat(actorOf(db.webAppDeduct(user, "document_generation", 1))).isNull();
    try (Connection c = db.ownerConnection()) {
      UUID own = insertLedgerRow(c, "{\"actor\":\"nightly-job\"}");
      assertThat(actorOf(own)).as("the web app's metadata is left alone").isEqualTo("nightly-job");
    }
    // ... and as a web-app login that is neither superuser nor table owner nor allowed into the
    // creditdesk schema: its inserts must keep working, unstamped.
    String webApp = db.createLogin("webapp");
    db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON \"User\", \"CreditTransaction\" TO " + webApp);
    try (Connection c = db.connectAs(webApp)) {
      assertThat(actorOf(insertLedgerRow(c, "{\"documentType\":\"brag_doc\"}"))).isNull();
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
}
