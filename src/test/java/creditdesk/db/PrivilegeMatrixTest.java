package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.testing.SqlOutcome;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each staff role may do to the web app's tables, tried as a real login: every statement is
 * executed (and rolled back), and must either run or fail with "permission denied" (42501) exactly
 * as the allow-list below says.
 */
class PrivilegeMatrixTest {
  enum Op { SELECT, INSERT, UPDATE, DELETE }

  enum Target { USER_ROW, USER_PROFILE, USER_PASSWORD, USER_BALANCES, LEDGER }

  /**
   * The allow-list of the roles (README, "For the database owner"): everyone reads the ledger and every column of "User" but the
   * password hash; nobody writes the web app's tables directly (admins go through creditdesk.adjust).
   */
  private static final Set<String> ALLOWED = Set.of(
      "SELECT USER_PROFILE", "SELECT USER_BALANCES", "SELECT LEDGER");

  private final TestDatabase db = TestPostgres.newDatabase();
  private UUID user;
  private UUID ledgerRow;

  @BeforeEach
  void rows() {
    user = db.insertUser("ada@example.com", 10, 20);
    ledgerRow = db.webAppDeduct(user, "document_generation", 1);
    db.execute("UPDATE \"User\" SET password = '$2b$10$secret' WHERE id = '" + user + "'");
  }

  private String statement(Op op, Target target) {
    String u = "'" + user + "'";
    return switch (op) {
      case SELECT -> switch (target) {
        case USER_ROW -> "SELECT * FROM \"User\"";
        case USER_PROFILE -> "SELECT id, email, name, image, provider, provider_id, preferences,"
            + " created_at, updated_at, email_verified, level, renewal_period, last_payment, status,"
            + " stripe_customer_id, tos_accepted_at, demo_user_id, is_demo FROM \"User\"";
        case USER_PASSWORD -> "SELECT password FROM \"User\"";
        case USER_BALANCES -> "SELECT free_credits, free_chat_messages FROM \"User\"";
        case LEDGER -> "SELECT * FROM \"CreditTransaction\"";
      };
      case INSERT -> switch (target) {
        case USER_ROW -> "INSERT INTO \"User\" SELECT (u).* FROM (SELECT u FROM \"User\" u) x LIMIT 0";
        case USER_PROFILE -> "INSERT INTO \"User\" (email, name) VALUES ('new@example.com', 'New')";
        case USER_PASSWORD -> "INSERT INTO \"User\" (email, password) VALUES ('new@example.com', 'x')";
        case USER_BALANCES -> "INSERT INTO \"User\" (email, free_credits, free_chat_messages)"
            + " VALUES ('new@example.com', 1000, 1000)";
        case LEDGER -> "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type)"
            + " VALUES (" + u + ", 100, 'grant', 'document_generation')";
      };
      case UPDATE -> switch (target) {
        case USER_ROW -> "UPDATE \"User\" SET email = email, name = name, level = level"
            + " WHERE id = " + u;
        case USER_PROFILE -> "UPDATE \"User\" SET name = 'Eve' WHERE id = " + u;
        case USER_PASSWORD -> "UPDATE \"User\" SET password = 'x' WHERE id = " + u;
        case USER_BALANCES -> "UPDATE \"User\" SET free_credits = free_credits + 100,"
            + " free_chat_messages = free_chat_messages + 100 WHERE id = " + u;
        case LEDGER -> "UPDATE \"CreditTransaction\" SET amount = 100 WHERE id = '" + ledgerRow + "'";
      };
      case DELETE -> switch (target) {
        case USER_ROW -> "DELETE FROM \"User\" WHERE id = " + u;
        case USER_PROFILE -> "DELETE FROM \"User\" WHERE email = 'ada@example.com'";
        case USER_PASSWORD -> "DELETE FROM \"User\" WHERE password IS NOT NULL";
        case USER_BALANCES -> "DELETE FROM \"User\" WHERE free_credits > 0";
        case LEDGER -> "DELETE FROM \"CreditTransaction\" WHERE id = '" + ledgerRow + "'";
      };
    };
  }

  @Test
  void eachRoleMayDoExactlyWhatTheAllowListSays() throws Exception {
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> actual = new TreeMap<>();
    for (StaffRole role : StaffRole.values()) {
      String login = db.createStaff(role);
      try (Connection c = db.connectAs(login)) {
        for (Op op : Op.values()) {
          for (Target target : Target.values()) {
            String cell = role + " " + op + " " + target;
            expected.put(cell, ALLOWED.contains(op + " " + target) ? "allowed" : "denied");
            SqlOutcome outcome = SqlOutcome.attempt(c, statement(op, target));
            actual.put(cell, outcome.ok() ? "allowed"
                : outcome.permissionDenied() ? "denied" : outcome.toString());
          }
        }
      }
    }
    assertThat(actual).containsExactlyEntriesOf(expected);
    assertThat(db.count("SELECT count(*) FROM \"User\" WHERE free_credits = 9 AND name = 'User ada@example.com'"))
        .as("nothing changed").isEqualTo(1);
  }

  @Test
  void onlyAdminsMayCallTheAdjustmentFunction() throws Exception {
    Map<StaffRole, String> actual = new EnumMap<>(StaffRole.class);
    for (StaffRole role : StaffRole.values()) {
      try (Connection c = db.connectAs(db.createStaff(role))) {
        SqlOutcome outcome = SqlOutcome.attempt(c,
            "SELECT * FROM creditdesk.adjust('grant', '" + user + "', 'document_generation', 5,"
                + " 'goodwill after outage', NULL, 'matrix-" + role + "')");
        actual.put(role, outcome.ok() ? "allowed" : outcome.permissionDenied() ? "denied"
            : outcome.toString());
      }
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(Map.of(
        StaffRole.ADMIN, "allowed", StaffRole.SUPPORT, "denied", StaffRole.ANALYST, "denied"));
  }

  @Test
  void noStaffRoleMayWriteCreditdesksOwnTables() throws Exception {
    List<String> writes = List.of(
        "INSERT INTO creditdesk.balance_audit (user_id, balance, login, staff_role)"
            + " VALUES ('" + user + "', 'free_credits', 'x', 'admin')",
        "UPDATE creditdesk.balance_audit SET login = 'x'",
        "DELETE FROM creditdesk.adjustment",
        "INSERT INTO creditdesk.adjustment (idempotency_key, request, user_id, operation,"
            + " feature_type, amount, actor, created_at) VALUES ('k', '{}', '" + user + "', 'grant',"
            + " 'document_generation', 1, 'x', now())",
        "UPDATE creditdesk.setting SET value = '1000000'",
        "DELETE FROM creditdesk.flyway_schema_history");
    for (StaffRole role : StaffRole.values()) {
      try (Connection c = db.connectAs(db.createStaff(role))) {
        for (String write : writes) {
          assertThat(SqlOutcome.attempt(c, write).permissionDenied()).as(role + ": " + write).isTrue();
        }
      }
    }
  }

  /** The same walls seen from the catalog, for the group roles themselves. */
  @Test
  void catalogAgreesWithTheMatrix() throws Exception {
    try (Connection c = db.ownerConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT r.rolname, a.attname, has_column_privilege(r.rolname, a.attrelid, a.attname, 'SELECT'),"
                + " has_column_privilege(r.rolname, a.attrelid, a.attname, 'INSERT, UPDATE, REFERENCES')"
                + " FROM pg_roles r, pg_attribute a"
                + " WHERE r.rolname LIKE 'creditdesk\\_%' AND a.attrelid = 'public.\"User\"'::regclass"
                + " AND a.attnum > 0 AND NOT a.attisdropped")) {
      int checked = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String what = rs.getString(1) + " on \"User\"." + rs.getString(2);
          assertThat(rs.getBoolean(3)).as("SELECT " + what).isEqualTo(!rs.getString(2).equals("password"));
          assertThat(rs.getBoolean(4)).as("write " + what).isFalse();
          checked++;
        }
      }
      assertThat(checked).isEqualTo(3 * 21);
    }
    for (String table : List.of("User", "CreditTransaction")) {
      assertThat(db.count("SELECT count(*) FROM pg_roles r WHERE r.rolname LIKE 'creditdesk\\_%'"
          + " AND has_table_privilege(r.rolname, 'public.\"" + table + "\"',"
          + " 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')")).as(table).isZero();
    }
    assertThat(db.count("SELECT count(*) FROM information_schema.role_table_grants"
        + " WHERE grantee LIKE 'creditdesk\\_%' AND table_schema = 'public' AND privilege_type <> 'SELECT'"))
        .isZero();
    // Group roles are plain: no login, no superpowers.
    assertThat(db.count("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'creditdesk\\_%'"
        + " AND NOT (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls"
        + " OR rolreplication)")).isEqualTo(3);
  }

  /** SECURITY DEFINER functions pin their search_path and are not executable by PUBLIC. */
  @Test
  void definerFunctionsAreLockedDown() {
    assertThat(db.count("SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'creditdesk'::regnamespace"
        + " AND p.prosecdef")).isGreaterThanOrEqualTo(4);
    assertThat(db.count("SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'creditdesk'::regnamespace"
        + " AND p.prosecdef AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) s"
        + "   WHERE s LIKE 'search\\_path=pg\\_catalog, pg\\_temp')")).as("unpinned").isZero();
    assertThat(db.count("SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'creditdesk'::regnamespace"
        + " AND p.prosecdef AND has_function_privilege('public', p.oid, 'EXECUTE')"))
        .as("definer functions PUBLIC may execute").isZero();
  }
}
