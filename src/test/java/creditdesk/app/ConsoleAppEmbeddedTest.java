package creditdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.service.connect.ConnectionTarget;
import creditdesk.service.connect.EmbeddedStartService.DemoDataLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A newcomer's first start: no database given, a local one starts, a demo login gets in. */
class ConsoleAppEmbeddedTest {
  @TempDir Path dataDir;

  private final FxRobot robot = new FxRobot();
  private Application app;

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void closeConsole() throws Exception {
    if (app != null) {
      // Stops the local database too.
      FxToolkit.cleanupApplication(app);
    }
    FxToolkit.cleanupStages();
  }

  @Test
  void localDatabaseStartsAndADemoLoginOpensTheConsole() throws Exception {
    ConsoleLaunch launch = new ConsoleLaunch(new ConnectionTarget.Embedded(dataDir));
    // The demo data's own loading is EmbeddedStartServiceTest's subject; here it would only add
    // a minute on a busy machine.
    app = FxToolkit.setupApplication(() -> new ConsoleApp(launch, DemoDataLoader.NONE));

    assertThat(robot.lookup("#database").queryAs(Label.class).getText())
        .isEqualTo("Local demo database");
    assertThat(robot.lookup("#demoLoginsBox").query().isVisible()).isTrue();

    robot.clickOn("#demo-demo_admin");
    assertThat(robot.lookup("#login").queryAs(TextField.class).getText()).isEqualTo("demo_admin");
    WaitForAsyncUtils.waitFor(
        120, TimeUnit.SECONDS, () -> !robot.lookup("#logIn").queryAs(Button.class).isDisabled());
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#logIn");

    WaitForAsyncUtils.waitFor(
        120, TimeUnit.SECONDS, () -> robot.lookup("#statusRole").tryQuery().isPresent());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#statusRole").queryAs(Label.class).getText()).isEqualTo("Admin");
    assertThat(robot.lookup("#statusLogin").queryAs(Label.class).getText()).isEqualTo("demo_admin");
    assertThat(robot.lookup("#statusDatabase").queryAs(Label.class).getText())
        .startsWith("Local demo database (localhost:");
  }
}
