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

/** `creditdesk grant` on a balance that is not set, and one that would overflow. */
class GrantWebAppBalanceCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private final TestDatabase db = TestPostgres.newDatabase();
  private final String admin = db.createStaff(StaffRole.ADMIN);

  private CliRunner.Result grant(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "grant";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--db-url";
    all[args.length + 2] = db.jdbcUrl();
    all[args.length + 3] = "--db-user";
    all[args.length + 4] = admin;
    return new CliRunner(home).env("PGPASSWORD", TestDatabase.STAFF_PASSWORD).run(all);
  }

  @Test
  void grantToALegacyUserStartsFromTheWebAppsDefault() throws Exception {
    UUID user = db.insertUser("legacy@example.com", null, null);
    CliRunner.Result text = grant("--user", user.toString(), "--amount", "2", "--feature",
        "document_generation", "--reason", "goodwill");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("10 (not set — web app default) -> 12");
    CliRunner.Result json = grant("--user", user.toString(), "--amount", "3", "--feature",
        "chat_message", "--reason", "goodwill", "--json");
    JsonNode o = JSON.readTree(json.out());
    assertThat(o.get("balanceBefore").asInt()).isEqualTo(20);
    assertThat(o.get("balanceBeforeUnset").asBoolean()).isTrue();
    assertThat(o.get("balanceAfter").asInt()).isEqualTo(23);
  }

  @Test
  void aGrantThatWouldOverflowIsRefusedByARule() {
    UUID user = db.insertUser("rich@example.com", Integer.MAX_VALUE - 1, 20);
    CliRunner.Result r = grant("--user", user.toString(), "--amount", "2", "--feature",
        "document_generation", "--reason", "goodwill");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.REFUSED_BY_RULE);
    assertThat(r.errLines()).anySatisfy(line -> assertThat(line)
        .contains("would exceed 2147483647, the largest balance that can be recorded"));
    assertThat(r.err()).doesNotContain("CD007").doesNotContain("\tat ");
    assertThat(db.balance(user, "free_credits")).isEqualTo(Integer.MAX_VALUE - 1);
  }
}
