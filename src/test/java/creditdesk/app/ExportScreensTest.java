package creditdesk.app;

import static creditdesk.app.ConsolePage.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.ConnectionTarget;
import creditdesk.service.connect.EmbeddedStartService;
import creditdesk.service.export.ExportReport;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.search.UserSummary;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.export.TargetPicker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Exports started from the screens (a user's filtered history, the search results): the real
 * console, headless, on a real database. The save dialog cannot be driven headless, so the console
 * is given a picker that answers with the test's path and remembers the name it suggested.
 */
class ExportScreensTest {
  private static final TestDatabase DB = TestPostgres.newDatabase();
  private static final AtomicInteger USERS = new AtomicInteger();
  private static String analyst;
  private static String support;
  private static String admin;

  private final FxRobot robot = new FxRobot();
  private final ConsolePage console = new ConsolePage(robot);
  private final ScreensTest.CountingGuard guard = new ScreensTest.CountingGuard();
  private final List<String> suggested = new CopyOnWriteArrayList<>();
  private final AtomicReference<Path> answer = new AtomicReference<>();
  private Preferences preferences;
  private Application app;

  @TempDir Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    FxToolkit.registerPrimaryStage();
    analyst = DB.createStaff(StaffRole.ANALYST);
    support = DB.createStaff(StaffRole.SUPPORT);
    admin = DB.createStaff(StaffRole.ADMIN);
  }

  @BeforeEach
  void openConsole() throws Exception {
    preferences = SettingsFile.inMemory();
    ConsoleLaunch launch = new ConsoleLaunch(new ConnectionTarget.Remote(DB.jdbcUrl(), null));
    TargetPicker picker = (owner, name) -> {
      suggested.add(name);
      return Optional.ofNullable(answer.get());
    };
    app = FxToolkit.setupApplication(
        () -> new ConsoleApp(launch, EmbeddedStartService.DEFAULT_DEMO_DATA, preferences, guard, picker));
  }

  @AfterEach
  void closeConsole() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
    assertThat(guard.onFxThread.get()).as("connections taken on the FX thread").isZero();
  }

  @Test
  void historyExportWritesThatUsersRowsWithTheFiltersAppliedAndCancelLeavesNoFile() throws Exception {
    String email = "history" + USERS.incrementAndGet() + "@export.example";
    UUID user = DB.insertUser(email, 20, 20);
    DB.webAppDeduct(user, "document_generation", 2);
    DB.webAppDeduct(user, "chat_message", 1);
    DB.webAppDeduct(user, "workstream_clustering", 2);
    // Left out by the filters: an old deduction (days), a creditdesk grant (source), a refund
    // (operation); and another user's deduction.
    DB.execute("INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, created_at)"
        + " VALUES ('" + user + "', 1, 'deduct', 'document_generation', TIMESTAMP '2020-05-01 10:00')");
    DB.execute("INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
        + " VALUES ('" + user + "', 4, 'grant', 'document_generation', '{\"source\":\"creditdesk\"}'),"
        + " ('" + user + "', 1, 'refund', 'chat_tool_call', '{\"refundReason\":\"failed\"}')");
    UUID other = DB.insertUser("other" + USERS.incrementAndGet() + "@export.example", 20, 20);
    DB.webAppDeduct(other, "document_generation", 2);

    // The cancel below must beat the login's lock timeout (3 s) on a loaded machine.
    DB.execute("ALTER ROLE \"" + analyst + "\" SET lock_timeout = '60s'");
    console.logIn(analyst);
    openUser(email);
    waitFor(() -> console.history().getItems().size() == 6);
    select("#operationFilter", "Deduct");
    select("#sourceFilter", "Web app");
    robot.interact(() -> robot.lookup("#fromFilter").queryAs(DatePicker.class).setValue(LocalDate.of(2025, 1, 1)));
    waitFor(() -> console.history().getItems().size() == 3 && !console.history().getItems().isEmpty());

    Path target = dir.resolve("history.csv");
    answer.set(target);
    robot.clickOn("#exportHistory");
    waitFor(() -> console.present("#export"));
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(suggested).containsExactly("history-" + email + "-" + today + ".csv");
    Scene window = robot.lookup("#export").query().getScene();
    assertThat(label(window, "#heading").getText()).isEqualTo("Export the history of " + email);
    assertThat(label(window, "#subheading").getText()).startsWith(
        "This user's ledger rows with the history's filters: Deductions · from 2025-01-01 on (UTC days)"
            + " · written by the web app.");
    assertThat(window.lookup("#what").isVisible()).as("what to export is fixed").isFalse();
    robot.clickOn("#byteOrderMark");
    robot.clickOn("#export");
    waitFor(() -> window.lookup("#openFolder").isVisible());

    String where = " WHERE user_id = '" + user + "' AND operation = 'deduct'"
        + " AND coalesce(metadata->>'source', '') <> 'creditdesk' AND created_at >= DATE '2025-01-01'";
    long rows = DB.count("SELECT count(*) FROM \"CreditTransaction\"" + where);
    long sum = DB.count("SELECT sum(CASE WHEN operation = 'deduct' THEN -amount ELSE amount END)"
        + " FROM \"CreditTransaction\"" + where);
    assertThat(rows).isEqualTo(3);
    byte[] bytes = Files.readAllBytes(target);
    assertThat(bytes[0] & 0xFF).as("the byte order mark asked for").isEqualTo(0xEF);
    Csv file = csv(target);
    assertThat(file.header()).isEqualTo(ExportReport.LEDGER.columns());
    List<CSVRecord> data = file.rows();
    assertThat(data).hasSize((int) rows);
    assertThat(data.stream().mapToLong(r -> Long.parseLong(r.get("signed_amount"))).sum()).isEqualTo(sum);
    assertThat(data).allSatisfy(r -> assertThat(r.get("user_id")).isEqualTo(user.toString()));
    assertThat(label(window, "#status").getText()).startsWith("Exported 3 rows to history.csv in ");
    Path picture = Screenshots.write(window, "export-history");
    assertThat(Files.size(picture)).isGreaterThan(5_000);

    // Again to another file, cancelled while the database holds the ledger: no file.
    Path second = dir.resolve("second.csv");
    answer.set(second);
    robot.clickOn("#chooseFile");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(suggested).hasSize(2).last().isEqualTo("history-" + email + "-" + today + ".csv");
    try (Connection owner = DB.ownerConnection();
        Statement s = owner.createStatement()) {
      owner.setAutoCommit(false);
      s.execute("LOCK TABLE \"CreditTransaction\" IN ACCESS EXCLUSIVE MODE");
      robot.clickOn("#export");
      waitFor(() -> window.lookup("#cancel").isVisible());
      robot.clickOn("#cancel");
      waitFor(() -> !window.lookup("#cancel").isVisible());
      owner.rollback();
    }
    assertThat(label(window, "#status").getText()).isEqualTo("Cancelled; no file was written.");
    assertThat(Files.exists(second)).isFalse();
    assertThat(Files.exists(target)).as("the first file stays").isTrue();
    robot.type(KeyCode.ESCAPE);
    waitFor(() -> !window.getWindow().isShowing());
  }

  @Test
  void searchExportWritesEveryMatchNotOnlyThePageOnScreen() throws Exception {
    int n = USERS.incrementAndGet();
    String domain = "@many" + n + ".example";
    DB.execute("INSERT INTO \"User\" (email, name, free_credits)"
        + " SELECT 'bulk' || i || '" + domain + "', 'Bulk ' || i, i FROM generate_series(1, 57) i");
    console.logIn(support);
    waitFor(() -> robot.lookup("#exportResults").query().isVisible());
    assertThat(console.button("#exportResults").isDisabled()).as("nothing searched yet").isTrue();

    robot.clickOn("#query").write(domain);
    waitFor(() -> console.results().getItems().size() == 50 && !console.button("#exportResults").isDisabled());
    Path target = dir.resolve("search.csv");
    answer.set(target);
    robot.clickOn("#exportResults");
    waitFor(() -> console.present("#export"));
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(suggested).containsExactly("search-" + domain + "-" + today + ".csv");
    Scene window = robot.lookup("#export").query().getScene();
    assertThat(label(window, "#heading").getText()).isEqualTo("Export the search results for \"" + domain + "\"");
    assertThat(window.lookup("#includeEmail").isVisible()).as("search results have the email already").isFalse();
    robot.clickOn("#export");
    waitFor(() -> window.lookup("#openFolder").isVisible());

    long total = DB.count("SELECT count(*) FROM \"User\" WHERE email ILIKE '%" + domain + "%'"
        + " OR name ILIKE '%" + domain + "%'");
    assertThat(total).isEqualTo(57);
    Csv file = csv(target);
    assertThat(file.header()).isEqualTo(ExportReport.SEARCH_RESULTS.columns());
    assertThat(file.rows()).hasSize((int) total);
    assertThat(file.rows()).allSatisfy(r -> assertThat(r.get("email")).endsWith(domain));

    // An empty search has nothing to export.
    robot.interact(() -> robot.lookup("#query").queryAs(javafx.scene.control.TextField.class).clear());
    waitFor(() -> console.button("#exportResults").isDisabled());
  }

  @Test
  void exportsAreOfferedAsTheGrantsAllowAndARefusalIsOneSentence() throws Exception {
    String email = "grants" + USERS.incrementAndGet() + "@export.example";
    UUID user = DB.insertUser(email, 20, 20);
    DB.webAppDeduct(user, "document_generation", 2);
    // Grants are per database: only this test class's copy changes, and it is put back.
    DB.execute("REVOKE SELECT ON \"CreditTransaction\" FROM creditdesk_admin");
    try {
      console.logIn(admin);
      waitFor(() -> robot.lookup("#exportResults").query().isVisible());
      robot.clickOn("#query").write(email);
      waitFor(() -> console.results().getItems().size() == 1);
      robot.type(KeyCode.ENTER);
      // The screen opens; its history says the ledger cannot be read, and no export is offered.
      waitFor(() -> console.present("#historyTable") && !console.text("#historyError").isEmpty());
      assertThat(console.text("#historyError")).startsWith("Permission denied");
      assertThat(robot.lookup("#exportHistory").query().isVisible())
          .as("no ledger grant, no history export").isFalse();
      robot.type(KeyCode.ESCAPE);
      waitFor(() -> console.present("#query") && !console.present("#historyTable"));
      waitFor(() -> !console.button("#exportResults").isDisabled());

      Path target = dir.resolve("refused.csv");
      answer.set(target);
      robot.clickOn("#exportResults");
      waitFor(() -> console.present("#export"));
      Scene window = robot.lookup("#export").query().getScene();
      // The search shows less without a display column, but cannot do without the email.
      DB.execute("REVOKE SELECT (email) ON \"User\" FROM creditdesk_admin");
      robot.clickOn("#export");
      waitFor(() -> window.lookup("#error").isVisible());
      assertThat(label(window, "#error").getText()).isEqualTo(
          "Your login may not read what this export needs (permission denied for table User);"
              + " no file was written. Ask a database owner for the grant.");
      assertThat(Files.exists(target)).isFalse();
      assertThat(window.lookup("#openFolder").isVisible()).isFalse();
    } finally {
      DB.execute("GRANT SELECT ON \"CreditTransaction\" TO creditdesk_admin");
      DB.execute("GRANT SELECT (email) ON \"User\" TO creditdesk_admin");
    }
  }

  // --- helpers ---

  private void openUser(String email) throws Exception {
    console.openUser(email);
    waitFor(() -> robot.lookup("#exportHistory").query().isVisible());
  }

  /** Picks the filter choice that reads {@code label}. */
  private void select(String id, String label) {
    ComboBox<?> box = robot.lookup(id).queryAs(ComboBox.class);
    robot.interact(() -> {
      for (int i = 0; i < box.getItems().size(); i++) {
        if (box.getItems().get(i).toString().equals(label)) {
          box.getSelectionModel().select(i);
          return;
        }
      }
      throw new AssertionError("No choice " + label + " in " + id);
    });
  }

  /** A CSV file's header and data rows (a leading byte order mark is not part of the header). */
  private record Csv(List<String> header, List<CSVRecord> rows) {}

  private static Csv csv(Path file) throws Exception {
    String text = Files.readString(file);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(new java.io.StringReader(text))) {
      List<CSVRecord> rows = parser.getRecords();
      return new Csv(parser.getHeaderNames(), rows);
    }
  }

  private static Label label(Scene scene, String id) {
    return (Label) scene.lookup(id);
  }
}
