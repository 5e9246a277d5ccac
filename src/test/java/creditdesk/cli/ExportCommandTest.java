package creditdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  @TempDir Path home;
  @TempDir Path dir;

  private final TestDatabase db = TestPostgres.newDatabase();
  private final String analyst = db.createStaff(StaffRole.ANALYST);
  private UUID alice;
  private UUID bob;

  @BeforeEach
  void ledger() {
    alice = db.insertUser("alice@example.com", 100, 100);
    bob = db.insertUser("bob@example.com", 100, 100);
    db.insertUser("twin@example.com", 1, 1);
    db.insertUser("twin@example.com", 1, 1);
    db.execute(
        "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata, created_at)"
            + " SELECT CASE WHEN i % 2 = 0 THEN '" + alice + "'::uuid ELSE '" + bob + "'::uuid END,"
            + " 1 + i % 4, (ARRAY['deduct','grant','refund'])[1 + i % 3]::operation_type,"
            + " CASE WHEN i % 5 = 0 THEN 'chat_message' ELSE 'document_generation' END::feature_type,"
            + " CASE WHEN i % 7 = 0 THEN jsonb_build_object('source', 'creditdesk', 'reason', '=HYPERLINK(1)')"
            + " ELSE jsonb_build_object('title', '@me, \"quoted\"') END,"
            + " TIMESTAMP '2026-03-01' + i * interval '1 hour'"
            + " FROM generate_series(0, 239) i");
  }

  private CliRunner.Result export(String login, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "export";
    all[1] = "--db-url";
    all[2] = db.jdbcUrl();
    all[3] = "--db-user";
    all[4] = login;
    System.arraycopy(args, 0, all, 5, args.length);
    return new CliRunner(home).env("PGPASSWORD", TestDatabase.STAFF_PASSWORD).run(all);
  }

  @Test
  void exportsTheLedgerAndSaysHowManyRows() throws Exception {
    Path out = dir.resolve("march.csv");
    CliRunner.Result r = export(analyst, "--from", "2026-03-02", "--to", "2026-03-05",
        "--operation", "deduct", "--source", "webapp", "--user", "Alice@Example.com", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    long expected = db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE created_at::date"
        + " BETWEEN '2026-03-02' AND '2026-03-05' AND operation = 'deduct' AND user_id = '" + alice + "'"
        + " AND NOT EXISTS (SELECT FROM creditdesk.adjustment a WHERE a.ledger_id = \"CreditTransaction\".id)");
    assertThat(expected).isPositive();
    assertThat(r.out()).matches("Exported " + expected + " rows to " + out + " in \\d+\\.\\d s\\.\\R");
    assertThat(r.err()).isEmpty();
    List<CSVRecord> rows = parse(out);
    assertThat(rows).hasSize((int) expected + 1);
    assertThat(rows.get(0).toList()).first().isEqualTo("id");
    assertThat(rows.get(0).toList()).doesNotContain("email");
    for (CSVRecord row : rows.subList(1, rows.size())) {
      assertThat(row.get(2)).isEqualTo(alice.toString());
      assertThat(row.get(3)).isEqualTo("deduct");
      assertThat(row.get(8)).isEqualTo("webapp");
      // Rows that only claim to be creditdesk's are the web app's, their claim kept as metadata.
      assertThat(row.get(13)).isIn("{\"title\": \"@me, \\\"quoted\\\"\"}",
          "{\"reason\": \"=HYPERLINK(1)\", \"source\": \"creditdesk\"}");
    }
  }

  @Test
  void dailyUsageWithEmailRefusedAndWithBom() throws Exception {
    Path out = dir.resolve("daily.csv");
    CliRunner.Result refused = export(analyst, "--from", "2026-03-01", "--to", "2026-03-31",
        "--report", "daily-usage", "--include-email", "--out", out.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.errLines()).singleElement().asString().contains("no emails to include");

    CliRunner.Result r = export(analyst, "--from", "2026-03-01", "--to", "2026-03-31",
        "--report", "daily-usage", "--bom", "--feature", "chat_message", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    byte[] bytes = Files.readAllBytes(out);
    assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
    List<CSVRecord> rows = parse(out);
    assertThat(rows.get(0).get(0)).isEqualTo("\uFEFFday");
    long days = db.count("SELECT count(DISTINCT created_at::date) FROM \"CreditTransaction\""
        + " WHERE feature_type = 'chat_message'");
    assertThat(rows).hasSize((int) days + 1);
    assertThat(r.out()).startsWith("Exported " + days + " rows");
  }

  @Test
  void emailOnlyWithTheOption() throws Exception {
    Path out = dir.resolve("mail.csv");
    CliRunner.Result r = export(analyst, "--from", "2026-03-01", "--to", "2026-03-01",
        "--include-email", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<CSVRecord> rows = parse(out);
    assertThat(rows.get(0).toList()).last().isEqualTo("email");
    assertThat(rows.get(1).get(14)).endsWith("@example.com");
  }

  @Test
  void badInputIsExitTwoWithOneLine() {
    String out = dir.resolve("x.csv").toString();
    for (String[] args : List.of(
        new String[] {"--from", "2026-02-30", "--to", "2026-03-01", "--out", out},
        new String[] {"--from", "2026-03-02", "--to", "2026-03-01", "--out", out},
        new String[] {"--from", "2026-03-01", "--to", "2026-03-01", "--operation", "steal", "--out", out},
        new String[] {"--from", "2026-03-01", "--to", "2026-03-01", "--source", "psql", "--out", out},
        new String[] {"--from", "2026-03-01", "--to", "2026-03-01", "--report", "users", "--out", out},
        new String[] {"--from", "2026-03-01", "--to", "2026-03-01"},
        new String[] {"--from", "2026-03-01", "--to", "2026-03-01",
            "--out", dir.resolve("missing/x.csv").toString()})) {
      CliRunner.Result r = export(analyst, args);
      assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.errLines()).as(String.join(" ", args)).singleElement().asString().startsWith("creditdesk: ");
    }
    assertThat(Files.exists(dir.resolve("x.csv"))).isFalse();
  }

  @Test
  void usersThatAreNotOneAreRefused() {
    String out = dir.resolve("x.csv").toString();
    CliRunner.Result twin = export(analyst, "--from", "2026-03-01", "--to", "2026-03-01",
        "--user", "twin@example.com", "--out", out);
    assertThat(twin.exitCode()).isEqualTo(3);
    assertThat(twin.errLines()).singleElement().asString().contains("Several users have the email");
    CliRunner.Result nobody = export(analyst, "--from", "2026-03-01", "--to", "2026-03-01",
        "--user", "nobody@example.com", "--out", out);
    assertThat(nobody.exitCode()).isEqualTo(3);
    assertThat(nobody.errLines()).singleElement().asString().contains("No user with email");
  }

  @Test
  void onlyStaffLoginsExportAndAnUnreachableDatabaseIsFive() {
    String out = dir.resolve("x.csv").toString();
    CliRunner.Result webapp = export(db.createLogin("webapp"), "--from", "2026-03-01", "--to",
        "2026-03-01", "--out", out);
    assertThat(webapp.exitCode()).isEqualTo(4);
    assertThat(webapp.errLines()).singleElement().asString()
        .containsAnyOf("not a creditdesk staff member", "Permission denied");

    CliRunner.Result down = new CliRunner(home).env("PGPASSWORD", "x").run("export", "--db-url",
        "jdbc:postgresql://127.0.0.1:1/nothing", "--db-user", analyst, "--from", "2026-03-01",
        "--to", "2026-03-01", "--out", out);
    assertThat(down.exitCode()).isEqualTo(5);
    assertThat(down.errLines()).singleElement();
    assertThat(Files.exists(Path.of(out))).isFalse();
  }

  @Test
  void helpListsTheOptions() {
    CliRunner.Result r = new CliRunner(home).run("export", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--from", "--to", "--operation", "--feature", "--user", "--source",
        "--include-email", "--report", "--bom", "--out");
    assertThat(new CliRunner(home).run("--help").out()).contains("export");
  }

  private static List<CSVRecord> parse(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
  }
}
