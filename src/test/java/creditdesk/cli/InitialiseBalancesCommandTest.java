package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import creditdesk.db.Migrations;
import creditdesk.db.OwnerMigrationsTest;
import creditdesk.domain.StaffRole;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialiseBalancesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private final TestDatabase db = TestPostgres.newDatabase(false);
  private String admin;

  @BeforeEach
  void webAppDatabase() throws Exception {
    OwnerMigrationsTest.buildWebAppDatabase(db);
    new Migrations(db.owner()).migrate();
    admin = db.createStaff(StaffRole.ADMIN);
  }

  private CliRunner.Result as(String login, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--db-url";
    all[args.length + 1] = db.jdbcUrl();
    all[args.length + 2] = "--db-user";
    all[args.length + 3] = login;
    return new CliRunner(home).env("PGPASSWORD", TestDatabase.STAFF_PASSWORD).run(all);
  }

  @Test
  void dryRunThenForRealThenAgain() throws Exception {
    UUID half = db.insertUser("half@example.com", 3, null);
    CliRunner.Result dry = as(admin, "initialise-balances", "--dry-run");
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).isEqualTo(String.format(
        "2 users have a balance not set (free_credits: 1, free_chat_messages: 2).%n"
            + "Dry run: nothing was changed.%n"));
    assertThat(db.balance(OwnerMigrationsTest.LEGACY, "free_credits")).isNull();

    CliRunner.Result real = as(admin, "initialise-balances", "--batch", "1");
    assertThat(real.exitCode()).as(real.err()).isZero();
    assertThat(real.out()).isEqualTo(String.format(
        "2 users have a balance not set (free_credits: 1, free_chat_messages: 2).%n"
            + "Set 1 free_credits and 2 free_chat_messages balances to the web app's default,"
            + " for 2 users.%n"));
    assertThat(real.err()).contains("1 of about 2 users set");
    assertThat(db.balance(OwnerMigrationsTest.LEGACY, "free_credits")).isEqualTo(10);
    assertThat(db.balance(half, "free_chat_messages")).isEqualTo(20);
    assertThat(db.balance(half, "free_credits")).isEqualTo(3);

    CliRunner.Result again = as(admin, "initialise-balances", "--json");
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode o = JSON.readTree(again.out());
    assertThat(o.get("found").get("users").asLong()).isZero();
    assertThat(o.get("set").get("users").asLong()).isZero();
    assertThat(db.count("SELECT count(*) FROM creditdesk.balance_audit")).isEqualTo(3);
  }

  @Test
  void oneUserByEmail() throws Exception {
    UUID half = db.insertUser("half@example.com", 3, null);
    CliRunner.Result r = as(admin, "initialise-balances", "--user", "half@example.com", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.get("userId").asText()).isEqualTo(half.toString());
    assertThat(o.get("found").get("freeChatMessages").asLong()).isEqualTo(1);
    assertThat(o.get("set").get("users").asLong()).isEqualTo(1);
    assertThat(db.balance(half, "free_chat_messages")).isEqualTo(20);
    assertThat(db.balance(OwnerMigrationsTest.LEGACY, "free_credits")).isNull();
  }

  @Test
  void supportIsRefusedWithExitFourAndBatchIsChecked() {
    CliRunner.Result r = as(db.createStaff(StaffRole.SUPPORT), "initialise-balances");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.PERMISSION_DENIED);
    assertThat(r.errLines()).singleElement().asString().contains("ermission denied");
    assertThat(db.balance(OwnerMigrationsTest.LEGACY, "free_credits")).isNull();

    CliRunner.Result batch = as(admin, "initialise-balances", "--batch", "0");
    assertThat(batch.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
  }
}
