package creditdesk.app;

import creditdesk.ui.StyleClasses;
import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.ConnectionTarget;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console offers the export window to a logged-in analyst, keeps it in the chosen theme with
 * the main window, and closes it on log out.
 */
class ExportWindowTest {
  private static final TestDatabase DB = TestPostgres.newDatabase();

  private final FxRobot robot = new FxRobot();
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
  void analystOpensTheExportWindowFromTheMenu() throws Exception {
    String analyst = DB.createStaff(StaffRole.ANALYST);
    robot.clickOn("#login").write(analyst);
    robot.clickOn("#password").write(TestDatabase.STAFF_PASSWORD);
    robot.clickOn("#logIn");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#statusRole").queryAll().isEmpty());

    fire("exportItem");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#export").queryAll().isEmpty());
    Button export = robot.lookup("#export").queryAs(Button.class);
    assertThat(export.getScene().getWindow()).isNotSameAs(robot.lookup("#statusRole").query().getScene().getWindow());
    assertThat(export.isDisabled()).as("no file chosen yet").isTrue();
    Window exportWindow = export.getScene().getWindow();

    fire("exportItem");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#export").queryAll()).as("one export window per session").hasSize(1);

    choose("darkTheme");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#statusRole").query().getScene().getRoot().getStyleClass())
        .as("the main window follows the theme with the export window open").contains(StyleClasses.DARK);
    assertThat(export.getScene().getRoot().getStyleClass()).contains(StyleClasses.DARK);
    choose("lightTheme");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#statusRole").query().getScene().getRoot().getStyleClass())
        .doesNotContain(StyleClasses.DARK);

    fire("logOutItem");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !robot.lookup("#password").queryAll().isEmpty());
    assertThat(exportWindow.isShowing()).as("logging out closes the export window").isFalse();
  }

  private void fire(String itemId) {
    robot.interact(menuItem(itemId)::fire);
  }

  /** What a click on a radio item does (fire() alone does not select it). */
  private void choose(String itemId) {
    RadioMenuItem item = (RadioMenuItem) menuItem(itemId);
    robot.interact(() -> item.setSelected(true));
  }

  private MenuItem menuItem(String itemId) {
    MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
    return bar.getMenus().stream().flatMap(m -> m.getItems().stream())
        .filter(i -> itemId.equals(i.getId())).findFirst().orElseThrow();
  }
}
