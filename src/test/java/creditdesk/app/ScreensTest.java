package creditdesk.app;

import static creditdesk.app.ConsolePage.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.ConnectionGuard;
import creditdesk.db.Pools;
import creditdesk.domain.OperationType;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.connect.ConnectionTarget;
import creditdesk.service.connect.EmbeddedStartService;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.search.UserSearchService;
import creditdesk.service.search.UserSummary;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screens as a person uses them: the real console, headless, logged in to a real database.
 * Every connection the console takes passes a guard that counts where it was taken: none may be
 * taken on the FX thread.
 */
class ScreensTest {
  private static final TestDatabase DB = TestPostgres.newDatabase();
  /** Generous: a login boots Hibernate, slow on a busy two-core machine. */
  private static String admin;
  private static String support;
  private static final AtomicInteger USERS = new AtomicInteger();

  private final FxRobot robot = new FxRobot();
  private final ConsolePage console = new ConsolePage(robot);
  private final CountingGuard guard = new CountingGuard();
  private Preferences preferences;
  private Application app;
  private boolean loggedIn;

  @BeforeAll
  static void setUp() throws Exception {
    FxToolkit.registerPrimaryStage();
    admin = DB.createStaff(StaffRole.ADMIN);
    support = DB.createStaff(StaffRole.SUPPORT);
  }

  @BeforeEach
  void openConsole() throws Exception {
    preferences = SettingsFile.inMemory();
    ConsoleLaunch launch = new ConsoleLaunch(new ConnectionTarget.Remote(DB.jdbcUrl(), null));
    app =
        FxToolkit.setupApplication(
            () ->
                new ConsoleApp(
                    launch, EmbeddedStartService.DEFAULT_DEMO_DATA, preferences, guard));
  }

  @AfterEach
  void closeConsole() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
    if (loggedIn) {
      assertThat(preferences.getDouble("window.width", -1)).as("the window size is remembered").isPositive();
    }
    assertThat(guard.onFxThread.get()).as("connections taken on the FX thread").isZero();
  }

  /** A user with three web-app deductions: document −2, then chat −1, then clustering −2. */
  private record Fixture(String email, UUID id, List<UUID> deductions) {}

  private static Fixture user(String kind) {
    String email = kind + USERS.incrementAndGet() + "@screens.example";
    UUID id = DB.insertUser(email, 10, 20);
    UUID doc = DB.webAppDeduct(id, "document_generation", 2);
    UUID chat = DB.webAppDeduct(id, "chat_message", 1);
    UUID clustering = DB.webAppDeduct(id, "workstream_clustering", 2);
    return new Fixture(email, id, List.of(doc, chat, clustering));
  }

  @Test
  void searchOpensTheUserAndTheHistoryShowsTheirRowsNewestFirstWithSignedAmounts() throws Exception {
    Fixture maria = user("maria");
    user("mariano");
    logIn(support);

    String query = maria.email().substring(0, maria.email().indexOf('@') + 1);
    robot.clickOn("#query").write(query);
    waitFor(() -> console.results().getItems().size() == 1);
    assertThat(console.results().getItems()).extracting(UserSummary::email).containsExactly(maria.email());
    assertThat(console.cellTexts(console.results(), "creditsColumn")).containsExactly("6");
    assertThat(console.cellTexts(console.results(), "planColumn")).containsExactly("Free");
    robot.type(KeyCode.ENTER);

    waitFor(() -> console.history().getItems().size() == 3);
    assertThat(console.text("#email")).isEqualTo(maria.email());
    assertThat(console.history().getItems())
        .extracting(LedgerEntry::id)
        .containsExactlyElementsOf(List.of(maria.deductions().get(2), maria.deductions().get(1), maria.deductions().get(0)));
    assertThat(console.cellTexts(console.history(), "amountColumn")).containsExactly("−2", "−1", "−2");
    assertThat(console.cellTexts(console.history(), "featureColumn"))
        .containsExactly("Workstream clustering", "Chat message", "Document generation");
    assertThat(console.text("#creditsActual")).isEqualTo("6");
    assertThat(console.text("#chatActual")).isEqualTo("19");
    assertThat(console.text("#creditsDifference")).isEqualTo("Agrees with the ledger");
    assertThat(console.text("#level")).isEqualTo("Free");
    assertThat(robot.lookup("#plan").query().isVisible()).as("the plan only repeats the level").isFalse();
    assertThat(robot.lookup("#chargeWarningBar").query().isVisible()).as("a set balance is chargeable").isFalse();
    assertThat(robot.lookup("#chargingBadge").query().isVisible()).as("'free' is charged").isFalse();

    robot.type(KeyCode.ESCAPE);
    waitFor(() -> console.present("#query") && !console.present("#historyTable"));
    // Enter opens the selected user again; Ctrl+K comes back to the search, ready to type.
    waitFor(() -> console.results().getSelectionModel().getSelectedItem() != null);
    robot.type(KeyCode.ENTER);
    waitFor(() -> console.present("#historyTable"));
    robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
    waitFor(() -> console.present("#query") && !console.present("#historyTable"));
    waitFor(() -> robot.lookup("#query").query().isFocused());
    assertThat(robot.lookup("#query").queryAs(TextInputControl.class).getText()).isEqualTo(query);
    assertThat(preferences.get("search.last", null)).as("the last search is remembered").isEqualTo(query);
    assertThat(guard.elsewhere.get()).as("the guard is in the console's data-access path").isPositive();
  }

  @Test
  void grantUpdatesTheBalanceCardAndHighlightsTheNewRowWithTheAdminAsActor() throws Exception {
    Fixture user = user("grant");
    logIn(admin);
    open(user);

    robot.press(KeyCode.CONTROL).press(KeyCode.G).release(KeyCode.G).release(KeyCode.CONTROL);
    waitFor(() -> console.present("#applyButton"));
    robot.clickOn("#amount").write("5");
    robot.clickOn("#reason").write("goodwill after the outage");
    robot.clickOn("#ticket").write("SUP-7");
    assertThat(console.text("#preview")).isEqualTo("free credits 6 → 11");
    robot.clickOn("#applyButton");

    waitFor(() -> !console.present("#applyButton") && "11".equals(console.text("#creditsActual")));
    waitFor(() -> console.history().getItems().size() == 4);
    LedgerEntry grant = console.history().getItems().get(0);
    assertThat(grant.operation()).isEqualTo(OperationType.GRANT);
    assertThat(grant.actor()).isEqualTo(admin);
    assertThat(grant.balanceAfter()).isEqualTo(11);
    assertThat(console.cellTexts(console.history(), "amountColumn").get(0)).isEqualTo("+5");
    assertThat(console.cellTexts(console.history(), "actorColumn").get(0)).isEqualTo(admin);
    assertThat(console.cellTexts(console.history(), "reasonColumn").get(0)).isEqualTo("goodwill after the outage · SUP-7");
    assertThat(console.history().getSelectionModel().getSelectedItem()).isEqualTo(grant);
    assertThat(console.highlightedRowIds()).containsExactly(grant.id());
    assertThat(console.text("#notice")).isEqualTo("Grant of 5 credits applied: free credits 6 → 11.");
    assertThat(DB.balance(user.id(), "free_credits")).isEqualTo(11);
  }

  @Test
  void anAdminInitialisesANeverSetBalanceFromTheWarning() throws Exception {
    Fixture user = user("legacy");
    DB.execute("UPDATE \"User\" SET free_credits = NULL WHERE id = '" + user.id() + "'");
    logIn(admin);
    open(user);

    waitFor(() -> robot.lookup("#chargeWarningBar").query().isVisible());
    assertThat(console.text("#chargeWarning"))
        .isEqualTo("The web app shows 10 credits but cannot charge them until the balance is initialised.");
    robot.clickOn("#initialiseButton");

    waitFor(() -> "10".equals(console.text("#creditsActual")) && !robot.lookup("#chargeWarningBar").query().isVisible());
    assertThat(console.text("#notice")).isEqualTo("Balance initialised: free credits 10. The web app can charge it now.");
    assertThat(DB.balance(user.id(), "free_credits")).isEqualTo(10);
    assertThat(console.history().getItems()).as("no ledger row: the number shown did not change").hasSize(3);
  }

  @Test
  void refundFromADeductionRowAndMoreThanIsLeftIsRefusedInline() throws Exception {
    Fixture user = user("refund");
    UUID doc = user.deductions().get(0);
    logIn(admin);
    open(user);

    assertThat(robot.lookup("#refundButton").queryButton().isDisabled()).as("no row selected").isTrue();
    robot.clickOn(console.row(doc));
    waitFor(() -> !robot.lookup("#refundButton").queryButton().isDisabled());
    console.openRefund();
    assertThat(robot.lookup("#amount").queryAs(TextInputControl.class).getText())
        .as("pre-filled with what is left")
        .isEqualTo("2");

    console.replace("#amount", "3");
    waitFor(() -> robot.lookup("#amountError").query().isVisible());
    assertThat(console.text("#amountError")).isEqualTo("At most 2 credits can be refunded of this deduction.");
    assertThat(robot.lookup("#applyButton").queryButton().isDisabled()).isTrue();

    console.replace("#amount", "1");
    robot.clickOn("#reason").write("the document failed");
    robot.clickOn("#applyButton");
    waitFor(() -> !console.present("#applyButton") && "7".equals(console.text("#creditsActual")));
    waitFor(() -> console.history().getItems().size() == 4);
    LedgerEntry refund = console.history().getItems().get(0);
    assertThat(refund.operation()).isEqualTo(OperationType.REFUND);
    assertThat(refund.refundOf()).isEqualTo(doc);
    LedgerEntry deduction = console.history().getItems().stream().filter(e -> e.id().equals(doc)).findFirst().orElseThrow();
    assertThat(deduction.refunded()).isEqualTo(1);

    // The refund row links to its deduction.
    robot.clickOn(console.row(refund.id()));
    robot.clickOn("#showRefunded");
    waitFor(() -> console.history().getSelectionModel().getSelectedItem().id().equals(doc));

    // Another admin refunds the last credit meanwhile: the database refuses, the dialog says so.
    console.openRefund();
    robot.clickOn("#reason").write("second try");
    try (HikariDataSource other = Pools.open(DB.settingsFor(admin), "other-admin", 1)) {
      new AdjustmentService(other).apply(AdjustmentRequest.refund(doc, 1, "meanwhile", null, "k-other"));
    }
    robot.clickOn("#applyButton");
    waitFor(() -> robot.lookup("#error").queryAll().stream().anyMatch(n -> n.isVisible() && !((Label) n).getText().isEmpty()));
    assertThat(console.dialogError()).startsWith("Refund of 1 exceeds what is left of the deduction");
    assertThat(console.present("#applyButton")).as("the dialog stays open").isTrue();
    assertThat(DB.balance(user.id(), "free_credits")).isEqualTo(8);
    robot.clickOn("#cancelButton");
  }

  @Test
  void aSupportLoginSeesNoWriteActions() throws Exception {
    Fixture user = user("support");
    logIn(support);
    open(user);

    for (String action : List.of("#actions", "#grantButton", "#refundButton", "#correctButton")) {
      assertThat(console.present(action)).as(action).isFalse();
    }
    robot.clickOn(console.row(user.deductions().get(0)));
    robot.press(KeyCode.CONTROL).press(KeyCode.G).release(KeyCode.G).release(KeyCode.CONTROL);
    robot.press(KeyCode.CONTROL).press(KeyCode.R).release(KeyCode.R).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(console.present("#applyButton")).as("no shortcut opens a dialog either").isFalse();
    assertThat(console.text("#statusRole")).isEqualTo("Support");
  }

  @Test
  void validationErrorsAreInlineAndChangeNothing() throws Exception {
    Fixture user = user("invalid");
    logIn(admin);
    open(user);
    long rows = DB.count("SELECT count(*) FROM \"CreditTransaction\"");
    long adjustments = DB.count("SELECT count(*) FROM creditdesk.adjustment");

    console.openCorrect();
    robot.clickOn("#amount").write("abc");
    robot.clickOn("#reason").write("x");
    waitFor(() -> robot.lookup("#reasonError").query().isVisible());
    assertThat(console.text("#amountError")).isEqualTo("The amount must be a whole number from 1 to 10,000.");
    assertThat(console.text("#reasonError")).isEqualTo("Give a reason of 3 to 500 characters (now 1).");
    assertThat(robot.lookup("#amount").query().getPseudoClassStates())
        .extracting(Object::toString)
        .contains("danger");
    assertThat(robot.lookup("#applyButton").queryButton().isDisabled()).isTrue();
    assertThat(robot.lookup("#preview").query().getStyleClass()).as("no preview while invalid").contains("empty");

    console.replace("#amount", "7");
    assertThat(console.text("#amountError")).isEqualTo("The balance is only 6 credits; a correction cannot take more.");
    robot.clickOn("#applyButton"); // disabled: nothing happens
    robot.clickOn("#cancelButton");
    waitFor(() -> !console.present("#applyButton"));

    assertThat(DB.count("SELECT count(*) FROM \"CreditTransaction\"")).isEqualTo(rows);
    assertThat(DB.count("SELECT count(*) FROM creditdesk.adjustment")).isEqualTo(adjustments);
    assertThat(DB.balance(user.id(), "free_credits")).isEqualTo(6);
  }

  @Test
  void databaseWorkOnTheFxThreadIsRefused() throws Exception {
    // The flows above count connections; this shows the console's guard would have stopped one.
    try (StaffSession session = new LoginService(new FxThreadGuard()).login(DB.settingsFor(support))) {
      UserSearchService search = new UserSearchService(session.sessionFactory());
      assertThat(search.search("maria", 0).users()).as("off the FX thread it works").isNotNull();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      robot.interact(
          () -> {
            try {
              search.search("maria", 0);
            } catch (RuntimeException e) {
              failure.set(e);
            }
          });
      assertThat(failure.get()).isNotNull().hasStackTraceContaining(FxThreadGuard.MESSAGE);
    }
  }

  @Test
  void picturesOfEachScreen() throws Exception {
    UUID ada = DB.insertUser("ada.lovelace@analytical.example", 10, 20);
    DB.insertUser("ada.byron@analytical.example", 10, 20);
    DB.insertUser("adam.smith@wealth.example", null, null);
    DB.insertUser("adaeze.okafor@lagos.example", 10, 20);
    DB.execute(
        "UPDATE \"User\" SET name = CASE email"
            + " WHEN 'ada.lovelace@analytical.example' THEN 'Ada Lovelace'"
            + " WHEN 'ada.byron@analytical.example' THEN 'Augusta Ada Byron'"
            + " WHEN 'adam.smith@wealth.example' THEN 'Adam Smith'"
            + " ELSE 'Adaeze Okafor' END,"
            + " level = CASE WHEN email LIKE 'adaeze%' THEN 'paid'::user_level ELSE level END"
            + " WHERE email LIKE 'ada%'");
    UUID first = DB.webAppDeduct(ada, "document_generation", 2);
    DB.webAppDeduct(ada, "chat_message", 1);
    DB.webAppDeduct(ada, "workstream_clustering", 2);
    DB.webAppDeduct(ada, "chat_message", 1);
    try (HikariDataSource pool = Pools.open(DB.settingsFor(admin), "shots", 1)) {
      AdjustmentService adjust = new AdjustmentService(pool);
      adjust.apply(AdjustmentRequest.refund(first, null, "Weekly report failed to render", "SUP-88", "k-shot-1"));
      adjust.apply(
          AdjustmentRequest.grant(
              ada, creditdesk.domain.FeatureType.CHAT_TOOL_CALL, 3, "Welcome bonus", "SUP-12", "k-shot-2"));
    }
    DB.webAppDeduct(ada, "document_generation", 1);
    // An unlogged web-app refund, as docs/shared-database.md describes: the card spells the difference out.
    DB.execute("UPDATE \"User\" SET free_credits = free_credits + 2 WHERE id = '" + ada + "'");
    Stage stage = (Stage) robot.lookup("#login").query().getScene().getWindow();

    Path login = Screenshots.write(stage.getScene(), "login");
    logIn(admin);
    robot.clickOn("#query").write("ada");
    waitFor(() -> console.results().getItems().size() == 4);
    robot.type(KeyCode.DOWN);
    waitFor(() -> console.results().getSelectionModel().getSelectedItem().id().equals(ada));
    Path search = Screenshots.write(stage.getScene(), "search");

    robot.type(KeyCode.ENTER);
    waitFor(() -> console.present("#historyTable") && console.history().getItems().size() == 7);
    waitFor(() -> !console.text("#creditsActual").equals("…"));
    robot.clickOn(console.row(console.history().getItems().get(1).id()));
    Path detail = Screenshots.write(stage.getScene(), "user-detail");

    console.openGrant();
    robot.clickOn("#amount").write("5");
    robot.clickOn("#reason").write("Goodwill after the outage on 12 May");
    robot.clickOn("#ticket").write("SUP-1234");
    Path grant = Screenshots.write(robot.lookup("#applyButton").query().getScene(), "grant-dialog");
    robot.clickOn("#cancelButton");

    for (Path p : List.of(login, search, detail, grant)) {
      assertThat(Files.size(p)).as(p.toString()).isGreaterThan(5_000);
    }
  }

  // --- helpers ---

  private void logIn(String login) throws Exception {
    console.logIn(login);
    loggedIn = true;
  }

  private void open(Fixture user) throws Exception {
    robot.clickOn("#query").write(user.email());
    waitFor(() -> console.results().getItems().size() == 1 && console.results().getItems().get(0).id().equals(user.id()));
    robot.type(KeyCode.ENTER);
    waitFor(() -> console.present("#historyTable") && console.history().getItems().size() >= 3 && user.email().equals(console.text("#email")));
    waitFor(() -> !"…".equals(console.text("#creditsActual")));
  }

  /** Delegates to the console's guard and counts where connections are taken. */
  static final class CountingGuard implements ConnectionGuard {
    final AtomicInteger onFxThread = new AtomicInteger();
    final AtomicInteger elsewhere = new AtomicInteger();
    private final FxThreadGuard guard = new FxThreadGuard();

    @Override
    public void beforeConnection() {
      if (javafx.application.Platform.isFxApplicationThread()) {
        onFxThread.incrementAndGet();
      } else {
        elsewhere.incrementAndGet();
      }
      guard.beforeConnection();
    }
  }

}
