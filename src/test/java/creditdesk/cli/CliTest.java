package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import creditdesk.db.Migrations;
import creditdesk.domain.StaffRole;
import creditdesk.service.connect.ConnectionResolver;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  private static final AtomicInteger LOGINS = new AtomicInteger();

  @TempDir Path home;

  private final TestDatabase db = TestPostgres.newDatabase();

  private CliRunner cli() {
    return new CliRunner(home);
  }

  /** The cluster superuser plays the database owner; it is trusted on loopback. */
  private CliRunner owner() {
    return cli().env("PGPASSWORD", "unused-by-trust").env("PGUSER", "postgres");
  }

  private static String newLogin() {
    return "cli_" + ProcessHandle.current().pid() + "_" + LOGINS.incrementAndGet();
  }

  private static String latestVersion() {
    return new Migrations(TestPostgres.cluster().ownerDataSource()).latestKnownVersion();
  }

  @Test
  void helpListsCommandsConnectionAndExitCodes() {
    CliRunner.Result r = cli().run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: creditdesk", "migrate", "staff", "doctor", "--db-url",
        "PGPASSWORD", "~/.pgpass", "verify-full", "Exit codes:", "6   creditdesk schema");
    assertThat(r.out()).doesNotContain("--password ");
    assertThat(cli().run("staff", "add", "--help").out()).contains("--password-stdin", "--role");
  }

  @Test
  void versionComesFromTheManifestOrIsDev() {
    CliRunner.Result r = cli().run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo("creditdesk dev");
  }

  @Test
  void usageErrorsAreExitTwoWithOneLine() {
    CliRunner.Result missingRole = cli().run("staff", "add", "someone");
    assertThat(missingRole.exitCode()).isEqualTo(2);
    assertThat(missingRole.errLines()).singleElement().asString()
        .contains("--role").contains("creditdesk staff add --help");

    CliRunner.Result typo = cli().run("migrat");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.errLines()).singleElement().asString().contains("migrate");

    CliRunner.Result badRole = cli().run("staff", "role", "x", "--role", "boss");
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(badRole.errLines()).singleElement().asString().contains("support, admin or analyst");

    CliRunner.Result noPasswordOption = cli().run("doctor", "--password", "x");
    assertThat(noPasswordOption.exitCode()).isEqualTo(2);
  }

  @Test
  void withoutACommandTheConsoleOpensOnTheResolvedDatabase() {
    CliRunner runner = cli();
    assertThat(runner.run().exitCode()).isZero();
    assertThat(runner.run("--db-url", "jdbc:postgresql://db.example.com/app", "--db-user", "ann")
        .exitCode()).isZero();
    assertThat(runner.consoleOpened).hasSize(2);
    assertThat(runner.consoleOpened.get(0)).isInstanceOf(ConnectionResolver.Embedded.class);
    assertThat(runner.consoleOpened.get(1)).isEqualTo(new ConnectionResolver.Server(
        "jdbc:postgresql://db.example.com:5432/app", "db.example.com", 5432, "app", "ann"));
  }

  @Test
  void badUrlIsExitTwoWithOneLine() {
    CliRunner.Result r = cli().run("doctor", "--db-url", "postgres://ann:hunter2@db/app");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString()
        .contains("must not contain a password").doesNotContain("hunter2");
  }

  @Test
  void migrateAppliesEverythingOnAnEmptyDatabaseThenHasNothingToDo() {
    TestDatabase empty = TestPostgres.newDatabase(false);
    CliRunner.Result first = owner().run("migrate", "--db-url", empty.jdbcUrl());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("Applied V1 webapp baseline", "Applied V2 staff roles")
        .contains("The creditdesk schema is now at version " + latestVersion() + ".");
    assertThat(first.err()).isEmpty();
    assertThat(empty.count("SELECT count(*) FROM creditdesk.flyway_schema_history WHERE success AND type = 'SQL'"))
        .isEqualTo(Long.parseLong(latestVersion()));

    CliRunner.Result second = owner().run("migrate", "--db-url", empty.jdbcUrl());
    assertThat(second.exitCode()).isZero();
    assertThat(second.out().strip()).isEqualTo(
        "Nothing to migrate: the creditdesk schema is at version " + latestVersion() + ".");
  }

  @Test
  void migrateByALoginWithoutRightsIsPermissionDenied() {
    TestDatabase empty = TestPostgres.newDatabase(false);
    String support = db.createStaff(StaffRole.SUPPORT);
    CliRunner.Result r = cli().env("PGPASSWORD", TestDatabase.STAFF_PASSWORD)
        .run("migrate", "--db-url", empty.jdbcUrl(), "--db-user", support);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
    assertThat(r.errLines()).singleElement().asString().contains("Permission denied");
  }

  @Test
  void staffAddRoleDisableAndList() throws Exception {
    String login = newLogin();
    String url = db.jdbcUrl();
    CliRunner.Result add = owner().stdin("correct horse battery\n")
        .run("staff", "add", login, "--role", "admin", "--password-stdin", "--db-url", url);
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out().strip()).isEqualTo("Added staff login " + login + " as admin.");
    try (Connection c = connect(url, login, "correct horse battery");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT creditdesk.staff_role(session_user)")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("admin");
    }

    CliRunner.Result json = owner().run("staff", "list", "--json", "--db-url", url);
    assertThat(json.exitCode()).isZero();
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertThat(rows.isArray()).isTrue();
    assertThat(rows.findParents("login")).filteredOn(n -> n.get("login").asText().equals(login))
        .singleElement().asString()
        .isEqualTo("{\"login\":\"" + login + "\",\"role\":\"admin\",\"canLogin\":true}");

    assertThat(owner().run("staff", "role", login, "--role", "analyst", "--db-url", url).out())
        .contains(login + " is now analyst.");
    assertThat(owner().run("staff", "disable", login, "--db-url", url).out())
        .contains(login + " is disabled.");

    CliRunner.Result table = owner().run("staff", "list", "--db-url", url);
    assertThat(table.out().lines().findFirst()).get().asString().matches("LOGIN +ROLE +CAN LOGIN");
    assertThat(table.out().lines().filter(l -> l.startsWith(login + " ")))
        .singleElement().asString().matches(login + " +analyst +no");
  }

  @Test
  void staffAddAsksTwiceOnTheTerminalAndRefusesMismatchOrNoTerminal() throws Exception {
    String login = newLogin();
    CliRunner mismatch = owner().terminal("first-password", "second-password");
    CliRunner.Result r = mismatch.run("staff", "add", login, "--role", "support", "--db-url", db.jdbcUrl());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("differ");
    assertThat(mismatch.prompts).containsExactly("New password for " + login + ": ", "Repeat the password: ");

    CliRunner.Result noTerminal = owner().run("staff", "add", login, "--role", "support", "--db-url", db.jdbcUrl());
    assertThat(noTerminal.exitCode()).isEqualTo(2);
    assertThat(noTerminal.errLines()).singleElement().asString().contains("--password-stdin");

    CliRunner.Result ok = owner().terminal("same-password", "same-password")
        .run("staff", "add", login, "--role", "support", "--db-url", db.jdbcUrl());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    connect(db.jdbcUrl(), login, "same-password").close();
  }

  @Test
  void staffAddByANonOwnerIsPermissionDenied() {
    String admin = db.createStaff(StaffRole.ADMIN);
    CliRunner.Result r = cli().env("PGPASSWORD", TestDatabase.STAFF_PASSWORD).stdin("long-enough-pw")
        .run("staff", "add", newLogin(), "--role", "admin", "--password-stdin",
            "--db-url", db.jdbcUrl(), "--db-user", admin);
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.errLines()).hasSize(1);
  }

  @Test
  void staffCommandsOnAnUnmigratedDatabaseSaySo() {
    TestDatabase empty = TestPostgres.newDatabase(false);
    CliRunner.Result r = owner().run("staff", "list", "--db-url", empty.jdbcUrl());
    assertThat(r.exitCode()).isEqualTo(6);
    assertThat(r.errLines()).singleElement().asString().contains("creditdesk migrate");
  }

  @Test
  void doctorPassesForAStaffLogin() {
    String login = db.createStaff(StaffRole.SUPPORT);
    CliRunner.Result r = cli().env("PGPASSWORD", TestDatabase.STAFF_PASSWORD)
        .run("--db-url", db.jdbcUrl(), "doctor", "--db-user", login);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines()).hasSize(7);
    assertThat(r.out()).containsPattern("connection +ok +localhost:\\d+/" + db.name() + " as " + login
        + " \\(no TLS\\)")
        .containsPattern("server +ok +PostgreSQL 17")
        .containsPattern("schema +ok +version " + latestVersion() + " \\(this build: " + latestVersion() + "\\)")
        .containsPattern("columns +ok")
        .containsPattern("labels +ok")
        .containsPattern("mapping +ok")
        .containsPattern("role +ok +support");
  }

  @Test
  void doctorForTheOwnerPassesWithRoleNone() {
    CliRunner.Result r = owner().run("doctor", "--db-url", db.jdbcUrl());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).containsPattern("role +note +none: \"postgres\" is not a staff login");
  }

  @Test
  void doctorOnAnUnmigratedDatabaseFailsWithOneLineAndExitSix() {
    TestDatabase empty = TestPostgres.newDatabase(false);
    CliRunner.Result r = owner().run("doctor", "--db-url", empty.jdbcUrl());
    assertThat(r.exitCode()).isEqualTo(6);
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("creditdesk: This database has no creditdesk schema yet")
        .contains("creditdesk migrate");
    assertThat(r.out()).containsPattern("connection +ok").containsPattern("schema +failed");
  }

  @Test
  void doctorListsPendingMigrations() {
    TestDatabase behind = TestPostgres.newDatabase();
    behind.execute("DELETE FROM creditdesk.flyway_schema_history WHERE version = '" + latestVersion() + "'");
    CliRunner.Result r = owner().run("doctor", "--db-url", behind.jdbcUrl());
    assertThat(r.exitCode()).isEqualTo(6);
    assertThat(r.errLines()).singleElement().asString().contains("pending: V" + latestVersion());
  }

  @Test
  void doctorWithAWrongPasswordFailsWithOneLineAndExitFive() {
    String login = db.createStaff(StaffRole.ADMIN);
    CliRunner.Result r = cli().env("PGPASSWORD", "wrong-password")
        .run("doctor", "--db-url", db.jdbcUrl(), "--db-user", login);
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.errLines()).containsExactly("creditdesk: The database refused the login:"
        + " wrong user name or password, or the login is disabled.");
    assertThat(r.err()).doesNotContain("wrong-password").doesNotContain("\tat ");
  }

  @Test
  void verboseAddsTheStackTrace() {
    String login = db.createStaff(StaffRole.ADMIN);
    CliRunner.Result r = cli().env("PGPASSWORD", "wrong-password")
        .run("doctor", "--verbose", "--db-url", db.jdbcUrl(), "--db-user", login);
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.err()).contains("\tat ").doesNotContain("wrong-password");
  }

  @Test
  void passwordFromPgPassThenFromTheTerminalThenExitFive() throws Exception {
    String login = db.createStaff(StaffRole.ANALYST);
    Path pgpass = home.resolve(".pgpass");
    Files.writeString(pgpass, "localhost:*:" + db.name() + ":" + login + ":" + TestDatabase.STAFF_PASSWORD + "\n");
    Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
    CliRunner.Result fromFile = cli().run("doctor", "--db-url", db.jdbcUrl(), "--db-user", login);
    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    Files.delete(pgpass);

    CliRunner typing = cli().terminal(TestDatabase.STAFF_PASSWORD);
    CliRunner.Result typed = typing.run("doctor", "--db-url", db.jdbcUrl(), "--db-user", login);
    assertThat(typed.exitCode()).as(typed.err()).isZero();
    assertThat(typing.prompts).singleElement().asString().startsWith("Password for " + login + "@localhost:");

    CliRunner.Result none = cli().run("doctor", "--db-url", db.jdbcUrl(), "--db-user", login);
    assertThat(none.exitCode()).isEqualTo(5);
    assertThat(none.errLines()).singleElement().asString().contains("No password for " + login);
  }

  @Test
  void pgVariablesNameTheDatabase() {
    String login = db.createStaff(StaffRole.SUPPORT);
    String port = db.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1");
    CliRunner.Result r = cli().env("PGHOST", "localhost").env("PGPORT", port)
        .env("PGDATABASE", db.name()).env("PGUSER", login).env("PGSSLMODE", "disable")
        .env("PGPASSWORD", TestDatabase.STAFF_PASSWORD)
        .run("doctor");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("as " + login);
  }

  @Test
  void embeddedDatabaseFromMigrateToAStaffDoctor(@TempDir Path dataDir) {
    String dir = dataDir.toString();
    CliRunner.Result migrate = cli().run("migrate", "--data-dir", dir);
    assertThat(migrate.exitCode()).as(migrate.err()).isZero();
    // The embedded database is the user's own: any command brings it up to date first.
    assertThat(migrate.out()).contains("Nothing to migrate", "version " + latestVersion());
    assertThat(cli().env("PGPASSWORD", "demo_admin")
        .run("doctor", "--data-dir", dir, "--db-user", "demo_admin").out())
        .containsPattern("role +ok +admin");

    String login = newLogin();
    assertThat(cli().stdin("embedded-password\n")
        .run("staff", "add", login, "--role", "analyst", "--password-stdin", "--data-dir", dir)
        .exitCode()).isZero();

    CliRunner.Result doctor = cli().env("PGPASSWORD", "embedded-password")
        .run("doctor", "--data-dir", dir, "--db-user", login);
    assertThat(doctor.exitCode()).as(doctor.err()).isZero();
    assertThat(doctor.out()).containsPattern("database +embedded +data in " + dir)
        .containsPattern("role +ok +analyst");
  }

  private static Connection connect(String url, String login, String password) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", login);
    p.setProperty("password", password);
    return DriverManager.getConnection(url, p);
  }
}
