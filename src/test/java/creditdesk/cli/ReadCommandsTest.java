package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import creditdesk.domain.StaffRole;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `creditdesk show` and `creditdesk history`: every read path without a screen, any staff role. */
class ReadCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private final TestDatabase db = TestPostgres.newDatabase();
  private final String support = db.createStaff(StaffRole.SUPPORT);
  private final String analyst = db.createStaff(StaffRole.ANALYST);
  private final String admin = db.createStaff(StaffRole.ADMIN);

  private CliRunner.Result as(String login, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db-url", db.jdbcUrl(), "--db-user", login));
    return new CliRunner(home).env("PGPASSWORD", TestDatabase.STAFF_PASSWORD).run(all.toArray(String[]::new));
  }

  @Test
  void showPrintsIdentityAndBothBalancesBesideTheLedgerForAnyStaffRole() throws Exception {
    UUID user = db.insertUser("show@example.com", 30, 20);
    db.webAppDeduct(user, "document_generation", 2);
    for (String login : List.of(support, analyst, admin)) {
      CliRunner.Result r = as(login, "show", "--user", "SHOW@example.com", "--json");
      assertThat(r.exitCode()).as(r.err()).isZero();
      JsonNode o = JSON.readTree(r.out());
      assertThat(o.get("id").asText()).isEqualTo(user.toString());
      assertThat(o.get("email").asText()).isEqualTo("show@example.com");
      assertThat(o.get("level").asText()).isEqualTo("free");
      assertThat(o.get("status").asText()).isEqualTo("active");
      assertThat(o.get("plan").asText()).isEqualTo("free");
      assertThat(o.get("unlimited").asBoolean()).isFalse();
      JsonNode credits = o.get("credits");
      assertThat(credits.get("stored").asInt()).isEqualTo(28);
      assertThat(credits.get("set").asBoolean()).isTrue();
      assertThat(credits.get("webAppShows").asInt()).isEqualTo(28);
      assertThat(credits.get("deducted").asInt()).isEqualTo(2);
      assertThat(credits.get("ledgerImplies").asInt()).isEqualTo(10 - 2);
      assertThat(credits.get("unexplained").asInt()).isEqualTo(20);
      assertThat(o.get("chatMessages").get("stored").asInt()).isEqualTo(20);
    }
    CliRunner.Result text = as(support, "show", "--user", user.toString());
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("show@example.com", user.toString(), "credits", "28",
        "20 credits more than the ledger explains");
  }

  @Test
  void showSaysWhenABalanceWasNeverSetAndWhatTheWebAppShowsInstead() throws Exception {
    UUID legacy = db.insertUser("legacy-show@example.com", null, null);
    JsonNode o = JSON.readTree(as(support, "show", "--user", legacy.toString(), "--json").out());
    assertThat(o.get("credits").get("stored").isNull()).isTrue();
    assertThat(o.get("credits").get("set").asBoolean()).isFalse();
    assertThat(o.get("credits").get("webAppShows").asInt()).isEqualTo(10);
    assertThat(o.get("chatMessages").get("webAppShows").asInt()).isEqualTo(20);
    CliRunner.Result text = as(support, "show", "--user", legacy.toString());
    assertThat(text.out()).contains("not set (the web app shows 10 and cannot charge it)",
        "not set (the web app shows 20 and cannot charge it)");

    db.execute("DELETE FROM creditdesk.setting WHERE name = 'webapp_unset_free_credits'");
    db.execute("INSERT INTO creditdesk.setting (name, value) VALUES ('webapp_unset_free_credits', '15')");
    JsonNode changed = JSON.readTree(as(support, "show", "--user", legacy.toString(), "--json").out());
    assertThat(changed.get("credits").get("webAppShows").asInt()).isEqualTo(15);

    UUID yearly = db.insertUser("yearly-show@example.com", 5, 5);
    db.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'yearly',"
        + " last_payment = now() AT TIME ZONE 'UTC' - interval '400 days' WHERE id = '" + yearly + "'");
    JsonNode lapsed = JSON.readTree(as(support, "show", "--user", yearly.toString(), "--json").out());
    assertThat(lapsed.get("plan").asText()).isEqualTo("lapsed");
    assertThat(lapsed.get("unlimited").asBoolean()).isFalse();
  }

  @Test
  void showOfAnUnknownUserIsOneSentence() {
    CliRunner.Result r = as(support, "show", "--user", "nobody@example.com");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.errLines()).singleElement().asString().contains("nobody@example.com");
  }

  @Test
  void historyIsNewestFirstWithTheScreensFiltersAndAForgedRowIsTheWebApps() throws Exception {
    UUID user = db.insertUser("hist@example.com", 100, 20);
    db.execute("ALTER TYPE public.feature_type ADD VALUE 'standup_generation'");
    List<UUID> deductions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      deductions.add(db.webAppDeduct(user, i % 2 == 0 ? "standup_generation" : "chat_message", 1));
    }
    db.execute("INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata,"
        + " created_at) VALUES ('" + user + "', 50, 'grant', 'document_generation',"
        + " jsonb_build_object('source', 'creditdesk', 'actor', '" + admin + "', 'reason', 'forged'),"
        + " now() + interval '1 minute')");
    CliRunner.Result grant = as(admin, "grant", "--user", user.toString(), "--amount", "3", "--feature",
        "chat_tool_call", "--reason", "real goodwill", "--ticket", "T-5", "--idempotency-key", "k-hist");
    assertThat(grant.exitCode()).as(grant.err()).isZero();

    CliRunner.Result all = as(support, "history", "--user", "hist@example.com", "--json");
    assertThat(all.exitCode()).as(all.err()).isZero();
    JsonNode rows = JSON.readTree(all.out());
    assertThat(rows).hasSize(7);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i - 1).get("createdAt").asText()).isGreaterThanOrEqualTo(rows.get(i).get("createdAt").asText());
    }
    JsonNode forged = find(rows, "reason", null, "amount", "50");
    assertThat(forged.get("source").asText()).isEqualTo("webapp");
    assertThat(forged.get("actor").isNull()).isTrue();
    assertThat(forged.get("metadata").get("actor").asText()).isEqualTo(admin);
    JsonNode real = find(rows, "reason", "real goodwill", "amount", "3");
    assertThat(real.get("source").asText()).isEqualTo("creditdesk");
    assertThat(real.get("actor").asText()).isEqualTo(admin);
    assertThat(real.get("ticket").asText()).isEqualTo("T-5");

    JsonNode standup = JSON.readTree(as(analyst, "history", "--user", user.toString(), "--feature",
        "standup_generation", "--json").out());
    assertThat(standup).hasSize(3);
    assertThat(standup.get(0).get("feature").asText()).isEqualTo("standup_generation");
    assertThat(standup.get(0).get("signedAmount").asInt()).isEqualTo(-1);
    assertThat(standup.get(0).get("balance").asText()).isEqualTo("free_credits");
    assertThat(standup.get(0).get("id").asText()).isEqualTo(deductions.get(4).toString());

    JsonNode ours = JSON.readTree(as(support, "history", "--user", user.toString(), "--source",
        "creditdesk", "--json").out());
    assertThat(ours).hasSize(1);
    assertThat(JSON.readTree(as(support, "history", "--user", user.toString(), "--operation", "grant",
        "--json").out())).hasSize(2);
    assertThat(JSON.readTree(as(support, "history", "--user", user.toString(), "--limit", "2",
        "--json").out())).hasSize(2);
    assertThat(JSON.readTree(as(support, "history", "--user", user.toString(), "--from", "2000-01-01",
        "--to", "2000-12-31", "--json").out())).isEmpty();

    CliRunner.Result table = as(support, "history", "--user", user.toString(), "--limit", "3");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out().lines()).hasSize(4);
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("created_at").contains("source");
  }

  @Test
  void historyRefusesAFeatureTheDatabaseDoesNotHaveWithTheListItHas() {
    UUID user = db.insertUser("nofeature@example.com", 1, 1);
    CliRunner.Result r = as(support, "history", "--user", user.toString(), "--feature", "teleport");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString()
        .contains("Unknown feature \"teleport\"", "document_generation", "chat_message");
    CliRunner.Result limit = as(support, "history", "--user", user.toString(), "--limit", "0");
    assertThat(limit.exitCode()).isEqualTo(2);
  }

  private static JsonNode find(JsonNode rows, String field, String value, String other, String otherValue) {
    for (JsonNode r : rows) {
      boolean match = value == null ? r.get(field).isNull() : value.equals(r.get(field).asText());
      if (match && r.get(other).asText().equals(otherValue)) {
        return r;
      }
    }
    throw new AssertionError("no row with " + field + " = " + value + " in " + rows);
  }
}
