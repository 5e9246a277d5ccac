package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.testing.SqlOutcome;
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
 * The web app's own migrations, run as its own login (the owner of its tables and types) on a
 * database Drizzle built and creditdesk then migrated, succeed exactly as they do without
 * creditdesk; afterwards the web app's writes and creditdesk's adjustments keep working. Each
 * migration is first run on a database without creditdesk, to prove the statements themselves
 * are sound.
 */
public class OwnerMigrationsTest {
  public static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  public static final UUID LEGACY = UUID.fromString("00000000-0000-0000-0000-00000000000a");

  private TestDatabase db;
  private String webApp;
  private String admin;

  @BeforeEach
  void buildAndMigrate() throws Exception {
    db = TestPostgres.newDatabase(false);
    webApp = buildWebAppDatabase(db);
    new Migrations(db.owner()).migrate();
    admin = db.createStaff(StaffRole.ADMIN);
    // creditdesk's own rows exist, as on a database in use.
    grant("document_generation", "before the owner's migration");
    grant("chat_message", "before the owner's migration");
  }

  @Test
  void freeCreditsBecomesBigint() throws Exception {
    ownerMigration("ALTER TABLE \"User\" ALTER COLUMN free_credits SET DATA TYPE bigint");
    webAppWritesStillWork("document_generation");
    assertThat(grant("document_generation", "after bigint")).isEqualTo("ok");
    // Beyond what the ledger's integer amounts and creditdesk's records hold: refused, not broken.
    try (Connection c = db.connectAs(webApp);
        Statement s = c.createStatement()) {
      s.execute("UPDATE \"User\" SET free_credits = 3000000000 WHERE id = '" + ADA + "'");
    }
    assertThat(adjust("correct", ADA, "document_generation", 1, null, "too large"))
        .startsWith("CD007 ").contains("The balance is 3000000000");
  }

  @Test
  void freeChatMessagesIsDropped() throws Exception {
    ownerMigration("ALTER TABLE \"User\" DROP COLUMN free_chat_messages");
    webAppWritesStillWork("document_generation");
    assertThat(grant("document_generation", "after the drop")).isEqualTo("ok");
    assertThat(grant("chat_message", "after the drop"))
        .startsWith("CD001 ")
        .contains("free_chat_messages");
  }

  @Test
  void featureTypeIsRewrittenByDrizzle() throws Exception {
    ownerMigration(
        "ALTER TABLE \"CreditTransaction\" ALTER COLUMN \"feature_type\" SET DATA TYPE text",
        "DROP TYPE \"public\".\"feature_type\"",
        "CREATE TYPE \"public\".\"feature_type\" AS ENUM('document_generation',"
            + " 'workstream_clustering', 'chat_message', 'standup_generation')",
        "ALTER TABLE \"CreditTransaction\" ALTER COLUMN \"feature_type\" SET DATA TYPE"
            + " \"public\".\"feature_type\" USING \"feature_type\"::\"public\".\"feature_type\"");
    webAppWritesStillWork("standup_generation");
    assertThat(grant("standup_generation", "after the rewrite")).isEqualTo("ok");
    assertThat(grant("chat_tool_call", "label the enum no longer has"))
        .startsWith("CD001 ")
        .contains("chat_tool_call");
  }

  @Test
  void operationTypeIsRewrittenByDrizzle() throws Exception {
    ownerMigration(
        "ALTER TABLE \"CreditTransaction\" ALTER COLUMN \"operation\" SET DATA TYPE text",
        "DROP TYPE \"public\".\"operation_type\"",
        "CREATE TYPE \"public\".\"operation_type\" AS ENUM('deduct', 'refund', 'grant', 'expire')",
        "ALTER TABLE \"CreditTransaction\" ALTER COLUMN \"operation\" SET DATA TYPE"
            + " \"public\".\"operation_type\" USING \"operation\"::\"public\".\"operation_type\"");
    webAppWritesStillWork("document_generation");
    assertThat(grant("document_generation", "after the rewrite")).isEqualTo("ok");
  }

  @Test
  void userLevelIsRewrittenByDrizzle() throws Exception {
    ownerMigration(
        "ALTER TABLE \"User\" ALTER COLUMN \"level\" SET DATA TYPE text",
        "ALTER TABLE \"User\" ALTER COLUMN \"level\" SET DEFAULT 'free'::text",
        "DROP TYPE \"public\".\"user_level\"",
        "CREATE TYPE \"public\".\"user_level\" AS ENUM('free', 'basic', 'paid', 'demo')",
        "ALTER TABLE \"User\" ALTER COLUMN \"level\" SET DEFAULT 'free'::\"public\".\"user_level\"",
        "ALTER TABLE \"User\" ALTER COLUMN \"level\" SET DATA TYPE \"public\".\"user_level\""
            + " USING \"level\"::\"public\".\"user_level\"");
    webAppWritesStillWork("document_generation");
    assertThat(grant("document_generation", "after the rewrite")).isEqualTo("ok");
  }

  @Test
  void featureAddedAtRunTimeIsDeductedAndAdjusted() throws Exception {
    ownerMigration("ALTER TYPE feature_type ADD VALUE 'standup_generation'");
    UUID deduction = webAppWritesStillWork("standup_generation");
    assertThat(grant("standup_generation", "new feature")).isEqualTo("ok");
    assertThat(adjust("refund", null, null, null, deduction, "refund of new feature"))
        .isEqualTo("ok");
    assertThat(adjust("correct", ADA, "standup_generation", 1, null, "correct new feature"))
        .isEqualTo("ok");
  }

  @Test
  void planColumnsAndTheirEnumsAreDropped() throws Exception {
    ownerMigration(
        "ALTER TABLE \"User\" DROP COLUMN \"level\"",
        "ALTER TABLE \"User\" DROP COLUMN \"renewal_period\"",
        "ALTER TABLE \"User\" DROP COLUMN \"last_payment\"",
        "ALTER TABLE \"User\" DROP COLUMN \"stripe_customer_id\"",
        "DROP TYPE \"public\".\"user_level\"",
        "DROP TYPE \"public\".\"renewal_period\"");
    webAppWritesStillWork("document_generation");
    assertThat(grant("document_generation", "after the drop")).isEqualTo("ok");
  }

  @Test
  void stripeEventTableIsCreated() throws Exception {
    ownerMigration(
        "CREATE TABLE IF NOT EXISTS \"StripeEvent\" (\"id\" varchar(255) PRIMARY KEY NOT NULL,"
            + " \"type\" varchar(255) NOT NULL, \"processed_at\" timestamp DEFAULT now() NOT NULL)");
    webAppWritesStillWork("document_generation");
    assertThat(grant("document_generation", "after the new table")).isEqualTo("ok");
  }

  /** No catalog dependency of a creditdesk object on a web-app column or type. */
  @Test
  void creditdeskDependsOnTheWebAppOnlyAsWholeTables() throws Exception {
    List<String> found = new ArrayList<>();
    try (Connection c = db.ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT pg_describe_object(d.classid, d.objid, d.objsubid) || ' -> '"
                + " || pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid)"
                + " FROM pg_depend d"
                + " WHERE d.deptype = 'n'"
                + "   AND pg_describe_object(d.classid, d.objid, d.objsubid) NOT LIKE 'index %'"
                + "   AND ((d.refclassid = 'pg_type'::regclass AND d.refobjid IN"
                + "          (SELECT t.oid FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace))"
                + "     OR (d.refclassid = 'pg_class'::regclass AND d.refobjsubid <> 0 AND d.refobjid IN"
                + "          (SELECT r.oid FROM pg_class r WHERE r.relnamespace = 'public'::regnamespace)))"
                + "   AND (pg_describe_object(d.classid, d.objid, d.objsubid) LIKE '%creditdesk%'"
                + "     OR d.objid IN (SELECT p.oid FROM pg_proc p"
                + "          WHERE p.pronamespace = 'creditdesk'::regnamespace)"
                + "     OR d.objid IN (SELECT r.oid FROM pg_class r"
                + "          WHERE r.relnamespace = 'creditdesk'::regnamespace))")) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    assertThat(found).isEmpty();
  }

  /** The web app's login cannot call staff_role, yet its writes pass every creditdesk trigger. */
  @Test
  void staffRoleIsNotForPublicAndTheWebAppsWritesStillPassTheTriggers() throws Exception {
    assertThat(db.count("SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'creditdesk'::regnamespace"
        + " AND p.proname = 'staff_role' AND has_function_privilege('public', p.oid, 'EXECUTE')"))
        .isZero();
    String other = db.createLogin("other");
    db.execute("GRANT USAGE ON SCHEMA creditdesk TO " + other);
    try (Connection c = db.connectAs(other)) {
      assertThat(SqlOutcome.attempt(c, "SELECT creditdesk.staff_role(session_user)")
          .permissionDenied()).isTrue();
    }
    webAppWritesStillWork("chat_message");
    try (Connection c = db.connectAs(webApp);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM \"User\" WHERE id = '" + LEGACY + "'");
    }
    assertThat(db.count("SELECT count(*) FROM \"User\" WHERE id = '" + LEGACY + "'")).isZero();
  }

  // ---------------------------------------------------------------------------------------------

  /** The web app's database as Drizzle builds it, owned by a login of its own; returns that login. */
  public static String buildWebAppDatabase(TestDatabase target) throws Exception {
    String login = target.createLogin("webapp");
    target.execute("ALTER DATABASE " + target.name() + " OWNER TO " + login);
    try (Connection c = target.connectAs(login);
        Statement s = c.createStatement()) {
      for (String statement : PrebuiltDatabaseTest.drizzleStatements()) {
        s.execute(statement);
      }
      s.execute(
          "INSERT INTO \"User\" (id, email, level, free_credits, free_chat_messages) VALUES"
              + " ('" + LEGACY + "', 'legacy@example.com', 'basic', NULL, NULL),"
              + " ('" + ADA + "', 'ada@example.com', 'free', 7, 19)");
      s.execute(
          "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type) VALUES"
              + " ('" + ADA + "', 2, 'deduct', 'document_generation'),"
              + " ('" + ADA + "', 1, 'deduct', 'chat_message')");
    }
    return login;
  }

  /**
   * Runs one of the web app's migrations as its login in one transaction, as Drizzle's migrator
   * does: first on a database without creditdesk (the statements must work there), then here.
   */
  private void ownerMigration(String... statements) throws Exception {
    TestDatabase bare = TestPostgres.newDatabase(false);
    String bareOwner = buildWebAppDatabase(bare);
    assertThat(runAs(bare, bareOwner, statements)).as("without creditdesk").isEqualTo("ok");
    bare.drop();
    assertThat(runAs(db, webApp, statements)).as("after creditdesk migrate").isEqualTo("ok");
  }

  private static String runAs(TestDatabase target, String login, String... statements)
      throws SQLException {
    try (Connection c = target.connectAs(login)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String statement : statements) {
          s.execute(statement);
        }
        c.commit();
        return "ok";
      } catch (SQLException e) {
        c.rollback();
        return e.getSQLState() + " " + e.getMessage();
      }
    }
  }

  /**
   * The web app's deduction (for {@code feature}), its separate ledger insert and its unlogged
   * COALESCE refund, as its own login; returns the ledger row's id.
   */
  private UUID webAppWritesStillWork(String feature) throws Exception {
    String column = feature.equals("chat_message") ? "free_chat_messages" : "free_credits";
    long before = db.count("SELECT " + column + " FROM \"User\" WHERE id = '" + ADA + "'");
    UUID row;
    try (Connection c = db.connectAs(webApp);
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("UPDATE \"User\" SET " + column + " = " + column + " - 1"
          + " WHERE id = '" + ADA + "' AND " + column + " >= 1")).isEqualTo(1);
      try (ResultSet rs = s.executeQuery(
          "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
              + " VALUES ('" + ADA + "', 1, 'deduct', '" + feature + "',"
              + " '{\"documentType\":\"weekly_report\"}') RETURNING id")) {
        rs.next();
        row = rs.getObject(1, UUID.class);
      }
      assertThat(s.executeUpdate("UPDATE \"User\" SET " + column + " = COALESCE(" + column
          + ", 0) + 2 WHERE id = '" + LEGACY + "'")).isEqualTo(1);
      s.execute("UPDATE \"User\" SET name = 'Ada L.', updated_at = now() WHERE id = '" + ADA + "'");
    }
    assertThat(db.count("SELECT " + column + " FROM \"User\" WHERE id = '" + ADA + "'"))
        .isEqualTo(before - 1);
    assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit WHERE login = '" + webApp
        + "'")).isZero();
    return row;
  }

  private String grant(String feature, String reason) throws SQLException {
    return adjust("grant", ADA, feature, 1, null, reason);
  }

  /** One creditdesk.adjust call as the admin: "ok" or SQLSTATE and message. */
  private String adjust(String operation, UUID user, String feature, Integer amount, UUID refundOf,
      String reason) throws SQLException {
    try (Connection c = db.connectAs(admin);
        PreparedStatement ps = c.prepareStatement(
            "SELECT * FROM creditdesk.adjust(?, ?, ?, ?, ?, NULL, ?, ?)")) {
      ps.setString(1, operation);
      ps.setObject(2, user);
      ps.setString(3, feature);
      ps.setObject(4, amount, java.sql.Types.INTEGER);
      ps.setString(5, reason);
      ps.setString(6, UUID.randomUUID().toString());
      ps.setObject(7, refundOf);
      ps.executeQuery().close();
      return "ok";
    } catch (SQLException e) {
      return e.getSQLState() + " " + e.getMessage();
    }
  }
}
