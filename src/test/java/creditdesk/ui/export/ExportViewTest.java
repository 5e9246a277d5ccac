package creditdesk.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.export.ExportReport;
import creditdesk.service.export.ExportService;
import creditdesk.service.search.UserResolver;
import creditdesk.testing.Staff;
import creditdesk.testing.StaffSessionExtension;
import creditdesk.testing.TestDatabase;
import creditdesk.ui.UiTaskExecutor;
import creditdesk.ui.Views;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The export window, headless, exporting from a real database as an analyst. */
@ExtendWith(StaffSessionExtension.class)
class ExportViewTest {
  static final int ROWS = 800_000;
  private static TestDatabase db;

  private final FxRobot robot = new FxRobot();
  private final List<Path> opened = new CopyOnWriteArrayList<>();
  private final List<Exception> unhandled = new CopyOnWriteArrayList<>();
  private final List<String> statuses = new CopyOnWriteArrayList<>();
  private StaffSession session;
  private UiTaskExecutor tasks;
  private ExportViewModel viewModel;

  @TempDir Path dir;

  @BeforeAll
  static void ledger(TestDatabase database) throws Exception {
    FxToolkit.registerPrimaryStage();
    db = database;
    java.util.UUID user = db.insertUser("someone@example.com", 10, 10);
    db.execute(
        "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata, created_at)"
            + " SELECT '" + user + "', 1 + i % 3, (ARRAY['deduct','grant','refund'])[1 + i % 3]::operation_type,"
            + " 'document_generation', jsonb_build_object('title', 'A weekly report, number ' || i),"
            + " TIMESTAMP '2026-03-01' + i * interval '1 second'"
            + " FROM generate_series(0, " + (ROWS - 1) + ") i");
    db.execute("ANALYZE \"CreditTransaction\"");
  }

  @BeforeEach
  void open(@Staff(StaffRole.ANALYST) StaffSession analyst) throws Exception {
    session = analyst;
    tasks = new UiTaskExecutor(unhandled::add);
    viewModel = new ExportViewModel(new ExportService(session),
        new UserResolver(session), tasks, opened::add,
        Clock.fixed(Instant.parse("2026-03-20T10:00:00Z"), ZoneOffset.UTC));
    viewModel.statusProperty().addListener((o, was, now) -> statuses.add(now));
    FxToolkit.setupSceneRoot(() -> Views.load("/fxml/export/ExportView.fxml", new ExportView(viewModel, (owner, name) -> java.util.Optional.empty())));
    FxToolkit.showStage();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    tasks.close();
    tasks.awaitTermination(30, TimeUnit.SECONDS);
    assertThat(unhandled).isEmpty();
  }

  @Test
  void exportsWithProgressThenOffersTheFolder() throws Exception {
    Path target = dir.resolve("march someone.csv");
    robot.clickOn("#file").write(target.toString());
    robot.clickOn("#user").write("Someone@example.com");
    assertThat(button("#export").isDisabled()).isFalse();
    robot.clickOn("#export");

    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> button("#openFolder").isVisible());
    long expected = db.count("SELECT count(*) FROM \"CreditTransaction\""
        + " WHERE created_at::date BETWEEN '2026-03-01' AND '2026-03-20'");
    assertThat(label("#status").getText())
        .matches(String.format(java.util.Locale.ROOT, "Exported %,d rows to march someone\\.csv in \\d+\\.\\d s\\.", expected));
    assertThat(Files.readAllLines(target)).hasSize((int) expected + 1);
    assertThat(statuses).as("progress with rows, rate and time left was shown")
        .anyMatch(s -> s.matches("[\\d,]+ of about [\\d,]+ rows · [\\d,]+ rows/s( · about .* left)?"));
    assertThat(robot.lookup("#progress").queryAs(ProgressBar.class).isVisible()).isFalse();

    robot.clickOn("#openFolder");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(opened).containsExactly(dir);
  }

  @Test
  void cancelMidwayLeavesNoFileAndTheWindowStaysResponsive() throws Exception {
    Path target = dir.resolve("all.csv");
    robot.clickOn("#file").write(target.toString());
    robot.clickOn("#export");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.getStatus().contains("rows/s"));
    assertThat(viewModel.isRunning()).isTrue();
    assertThat(robot.lookup("#progress").queryAs(ProgressBar.class).isVisible()).isTrue();
    assertThat(robot.lookup("#from").query().isDisabled()).as("the form waits").isTrue();
    // The FX thread answers at once while the export runs.
    long started = System.nanoTime();
    CompletableFuture<Void> ping = new CompletableFuture<>();
    Platform.runLater(() -> ping.complete(null));
    ping.get(2, TimeUnit.SECONDS);
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));

    robot.clickOn("#cancel");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !viewModel.isRunning());
    assertThat(label("#status").getText()).isEqualTo("Cancelled; no file was written.");
    assertThat(button("#openFolder").isVisible()).isFalse();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertThat(button("#export").isDisabled()).as("ready for another").isFalse();
  }

  @Test
  void cancelWhileTheDatabaseWaits() throws Exception {
    Path target = dir.resolve("waiting.csv");
    robot.clickOn("#file").write(target.toString());
    try (Connection owner = db.ownerConnection();
        Statement s = owner.createStatement()) {
      owner.setAutoCommit(false);
      s.execute("LOCK TABLE \"CreditTransaction\" IN ACCESS EXCLUSIVE MODE");
      robot.clickOn("#export");
      WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> button("#cancel").isVisible());
      // Cancel only once the export's statement waits on the lock, so this is the case tested.
      db.awaitLockWait(session.login(), java.time.Duration.ofSeconds(10));
      assertThat(viewModel.isRunning()).isTrue();
      robot.clickOn("#cancel");
      WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !viewModel.isRunning());
      owner.rollback();
    }
    assertThat(label("#status").getText()).isEqualTo("Cancelled; no file was written.");
    assertThat(Files.exists(target)).isFalse();
  }

  @Test
  void formSaysWhatIsMissingAndEmailOnlyForTheLedger() throws Exception {
    assertThat(button("#export").isDisabled()).isTrue();
    assertThat(label("#problem").getText()).isEqualTo("Choose a file to export to.");
    robot.clickOn("#file").write(dir.resolve("x.csv").toString());
    assertThat(button("#export").isDisabled()).isFalse();
    assertThat(label("#problem").isVisible()).isFalse();

    robot.interact(() -> viewModel.fromProperty().set(java.time.LocalDate.of(2026, 3, 25)));
    assertThat(label("#problem").getText()).isEqualTo("The first day is after the last day.");
    assertThat(button("#export").isDisabled()).isTrue();
    robot.interact(() -> viewModel.fromProperty().set(java.time.LocalDate.of(2026, 3, 1)));

    robot.clickOn("#includeEmail");
    assertThat(viewModel.includeEmailProperty().get()).isTrue();
    select("#report", 1);
    assertThat(viewModel.reportProperty().get()).isEqualTo(ExportReport.DAILY_USAGE);
    assertThat(robot.lookup("#includeEmail").query().isDisabled()).isTrue();
    assertThat(viewModel.includeEmailProperty().get()).isFalse();
  }

  @Test
  void aMissingFolderIsOneSentence() throws Exception {
    Path target = dir.resolve("nowhere/x.csv");
    robot.clickOn("#file").write(target.toString());
    robot.clickOn("#export");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> label("#error").isVisible());
    assertThat(label("#error").getText()).isEqualTo("The folder " + target.getParent() + " does not exist.");
    assertThat(button("#openFolder").isVisible()).isFalse();
  }

  private void select(String id, int index) {
    ComboBox<?> box = robot.lookup(id).queryAs(ComboBox.class);
    robot.interact(() -> box.getSelectionModel().select(index));
  }

  private Button button(String id) {
    return robot.lookup(id).queryAs(Button.class);
  }

  private Label label(String id) {
    return robot.lookup(id).queryAs(Label.class);
  }
}
