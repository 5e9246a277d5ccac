package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import creditdesk.domain.StaffRole;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdjustmentCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private final TestDatabase db = TestPostgres.newDatabase();
  private final String admin = db.createStaff(StaffRole.ADMIN);

  private CliRunner.Result as(String login, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--db-url";
    all[args.length + 1] = db.jdbcUrl();
    all[args.length + 2] = "--db-user";
    all[args.length + 3] = login;
    return new CliRunner(home).env("PGPASSWORD", TestDatabase.STAFF_PASSWORD).run(all);
  }

  /** A write names its key on stderr before it sends anything, then fails in one line. */
  private static String failureLine(CliRunner.Result r) {
    assertThat(r.errLines()).as(r.err()).hasSize(2);
    assertThat(r.errLines().get(0)).startsWith("creditdesk: idempotency key ");
    return r.errLines().get(1);
  }

  @Test
  void grantByEmailPrintsRowAndBalancesAndRetriesWithTheSameKeyApplyOnce() throws Exception {
    UUID user = db.insertUser("cli-grant@example.com", 10, 20);
    CliRunner.Result r = as(admin, "grant", "--user", "CLI-grant@example.com", "--amount", "5",
        "--feature", "document_generation", "--reason", "goodwill", "--ticket", "SUP-7",
        "--idempotency-key", "cli-k1", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.get("applied").asBoolean()).isTrue();
    assertThat(o.get("userId").asText()).isEqualTo(user.toString());
    assertThat(o.get("balanceBefore").asInt()).isEqualTo(10);
    assertThat(o.get("balanceAfter").asInt()).isEqualTo(15);
    assertThat(o.get("actor").asText()).isEqualTo(admin);
    assertThat(o.get("operation").asText()).isEqualTo("grant");

    CliRunner.Result again = as(admin, "grant", "--user", user.toString(), "--amount", "5",
        "--feature", "document_generation", "--reason", "goodwill", "--ticket", "SUP-7",
        "--idempotency-key", "cli-k1");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("Already applied", "10 -> 15", o.get("ledgerId").asText());
    assertThat(db.balance(user, "free_credits")).isEqualTo(15);

    CliRunner.Result conflict = as(admin, "grant", "--user", user.toString(), "--amount", "6",
        "--feature", "document_generation", "--reason", "goodwill", "--idempotency-key", "cli-k1");
    assertThat(conflict.exitCode()).isEqualTo(3);
    assertThat(failureLine(conflict)).contains("idempotency key");
  }

  @Test
  void refundAndCorrectWithTheirRules() throws Exception {
    UUID user = db.insertUser("cli-refund@example.com", 10, 20);
    UUID deduction = db.webAppDeduct(user, "chat_message", 1);
    CliRunner.Result refund = as(admin, "refund", "--transaction", deduction.toString(),
        "--reason", "message failed", "--json");
    assertThat(refund.exitCode()).as(refund.err()).isZero();
    JsonNode o = JSON.readTree(refund.out());
    assertThat(o.get("refundOf").asText()).isEqualTo(deduction.toString());
    assertThat(o.get("feature").asText()).isEqualTo("chat_message");
    assertThat(db.balance(user, "free_chat_messages")).isEqualTo(20);

    CliRunner.Result over = as(admin, "refund", "--transaction", deduction.toString(), "--amount", "1",
        "--reason", "again");
    assertThat(over.exitCode()).isEqualTo(3);

    CliRunner.Result tooMuch = as(admin, "correct", "--user", user.toString(), "--amount", "11",
        "--feature", "chat_tool_call", "--reason", "granted by mistake");
    assertThat(tooMuch.exitCode()).isEqualTo(3);
    assertThat(failureLine(tooMuch)).contains("only 10");

    CliRunner.Result ok = as(admin, "correct", "--user", user.toString(), "--amount", "10",
        "--feature", "chat_tool_call", "--reason", "granted by mistake");
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.out()).contains("credits", "10 -> 0");
  }

  @Test
  void exitCodesForBadInputAmbiguityPermissionAndUnreachable() {
    UUID user = db.insertUser("twin@example.com", 10, 20);
    db.insertUser("TWIN@example.com", 10, 20);
    CliRunner.Result bad = as(admin, "grant", "--user", user.toString(), "--amount", "-5",
        "--feature", "chat_message", "--reason", "x");
    assertThat(bad.exitCode()).isEqualTo(2);
    CliRunner.Result nonAscii = as(admin, "grant", "--user", user.toString(), "--amount", "５",
        "--feature", "chat_message", "--reason", "full-width digit");
    assertThat(nonAscii.exitCode()).isEqualTo(2);
    CliRunner.Result badFeature = as(admin, "grant", "--user", user.toString(), "--amount", "5",
        "--feature", "gpu_minutes", "--reason", "unknown feature");
    assertThat(badFeature.exitCode()).isEqualTo(2);
    // Which features exist only the database knows: the key was announced, nothing was sent.
    assertThat(failureLine(badFeature)).contains("chat_message");

    CliRunner.Result ambiguous = as(admin, "grant", "--user", "twin@example.com", "--amount", "5",
        "--feature", "chat_message", "--reason", "which one");
    assertThat(ambiguous.exitCode()).isEqualTo(3);
    assertThat(failureLine(ambiguous)).contains(user.toString());

    String support = db.createStaff(StaffRole.SUPPORT);
    CliRunner.Result denied = as(support, "grant", "--user", user.toString(), "--amount", "5",
        "--feature", "chat_message", "--reason", "support tries");
    assertThat(denied.exitCode()).isEqualTo(4);
    assertThat(failureLine(denied)).containsIgnoringCase("permission denied")
        .doesNotContain("42501");

    CliRunner.Result unreachable = new CliRunner(home).env("PGPASSWORD", "x").run("grant", "--user",
        user.toString(), "--amount", "5", "--feature", "chat_message", "--reason", "no server",
        "--db-url", "jdbc:postgresql://127.0.0.1:1/nothing", "--db-user", admin);
    assertThat(unreachable.exitCode()).isEqualTo(5);
    assertThat(db.balance(user, "free_chat_messages")).isEqualTo(20);
  }

  @Test
  void aGrantToANeverSetBalanceSaysItStartedFromTheWebAppsDefault() throws Exception {
    UUID user = db.insertUser("cli-legacy@example.com", null, 20);
    CliRunner.Result r = as(admin, "grant", "--user", user.toString(), "--amount", "2",
        "--feature", "document_generation", "--reason", "goodwill", "--idempotency-key", "cli-legacy");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("counts as 0").contains("not set").contains("web app");
    CliRunner.Result json = as(admin, "grant", "--user", user.toString(), "--amount", "2",
        "--feature", "document_generation", "--reason", "goodwill", "--idempotency-key", "cli-legacy",
        "--json");
    assertThat(JSON.readTree(json.out()).get("balanceBeforeUnset").asBoolean()).isTrue();
  }
}
