package creditdesk.app;

import creditdesk.ui.Errors;
import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.ConnectionTarget;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real console, headless, logging in to a real database as a person would. */
class ConsoleAppTest {
  private static final TestDatabase DB = TestPostgres.newDatabase();
  /** Generous: the first login of a JVM boots Hibernate, slow on a busy two-core machine. */
  private static final long LOGIN_TIMEOUT_SECONDS = 120;

  private final FxRobot robot = new FxRobot();
  private final ConsolePage console = new ConsolePage(robot);
  private Application app;

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @BeforeEach
  void openConsole() throws Exception {
    ConsoleLaunch launch = new ConsoleLaunch(new ConnectionTarget.Remote(DB.jdbcUrl(), null));
    app = FxToolkit.setupApplication(() -> new ConsoleApp(launch));
  }

  @AfterEach
  void closeConsole() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  @Test
  void adminLogsInAndTheStatusBarShowsLoginAndRole() throws Exception {
    String admin = DB.createStaff(StaffRole.ADMIN);
    assertThat(robot.lookup("#logIn").queryButton().isDisabled()).as("nothing typed yet").isTrue();

    robot.clickOn("#login").write(admin);
    robot.clickOn("#password").write(TestDatabase.STAFF_PASSWORD);
    robot.clickOn("#logIn");

    WaitForAsyncUtils.waitFor(
        LOGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> console.present("#statusRole"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(console.text("#statusRole")).isEqualTo("Admin");
    assertThat(console.text("#statusLogin")).isEqualTo(admin);
    assertThat(console.text("#statusDatabase")).contains(DB.name());
    assertThat(console.text("#statusSchema")).startsWith("Schema ");
    assertThat(console.present("#password")).as("the login window is gone").isFalse();
  }

  @Test
  void wrongPasswordShowsOneSentenceAndStaysOnTheLoginWindow() throws Exception {
    String support = DB.createStaff(StaffRole.SUPPORT);

    robot.clickOn("#login").write(support);
    robot.clickOn("#password").write("wrong-password");
    robot.clickOn("#logIn");

    WaitForAsyncUtils.waitFor(
        LOGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> robot.lookup("#error").query().isVisible());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(console.text("#error"))
        .isEqualTo(
            "The database refused the login: wrong user name or password, or the login is disabled.");
    assertThat(console.present("#statusRole")).isFalse();
    assertThat(robot.lookup("#logIn").queryAs(Button.class).isDisabled())
        .as("another try is possible")
        .isFalse();
    assertThat(robot.lookup("#demoLoginsBox").query().isVisible())
        .as("no demo logins on a database given by URL")
        .isFalse();
  }

  @Test
  void logOutReturnsToTheLoginWindow() throws Exception {
    String analyst = DB.createStaff(StaffRole.ANALYST);
    robot.clickOn("#login").write(analyst);
    robot.clickOn("#password").write(TestDatabase.STAFF_PASSWORD);
    robot.type(javafx.scene.input.KeyCode.ENTER);
    WaitForAsyncUtils.waitFor(
        LOGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> console.present("#statusRole"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(console.text("#statusRole")).isEqualTo("Analyst");

    // The menu bar's buttons exist once its skin is built, a pulse after the scene shows.
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> console.present("#fileMenu"));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#fileMenu");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> console.present("#logOutItem"));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#logOutItem");

    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> console.present("#password"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(console.present("#statusRole")).isFalse();
    assertThat(console.text("#database")).isEqualTo(TestDatabaseNames.displayName(DB));
  }

  @Test
  void anErrorNobodyCaughtIsOneSentenceInADialog() throws Exception {
    Platform.runLater(
        () -> {
          throw new IllegalStateException("internal detail the person need not see");
        });

    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> console.present(".dialog-pane"));
    WaitForAsyncUtils.waitForFxEvents();
    DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    assertThat(dialog.getContentText()).isEqualTo(Errors.UNEXPECTED);
    robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    assertThat(console.present("#login")).as("the console carries on").isTrue();
  }

  /** How the login window names a test database. */
  private static final class TestDatabaseNames {
    static String displayName(TestDatabase db) {
      return db.jdbcUrl().replaceFirst("^jdbc:postgresql://", "");
    }
  }
}
