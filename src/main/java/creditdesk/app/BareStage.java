package creditdesk.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The baseline of the console start-up benchmark: the same JVM, jar and options opening a bare
 * JavaFX window of the login window's size, so the difference is what creditdesk adds (its
 * classes, FXML, theme, services). Started by {@code creditdesk bench} as
 * {@code java -cp creditdesk.jar creditdesk.app.BareStage}; not a JavaFX Application itself, so the
 * fat jar's class path launch works on a plain JDK.
 */
public final class BareStage {
  private BareStage() {}

  public static void main(String[] args) {
    Application.launch(Window.class, args);
  }

  /** The Application JavaFX instantiates. */
  public static final class Window extends Application {
    @Override
    public void start(Stage stage) {
      stage.setTitle("bare stage");
      stage.setScene(new Scene(new StackPane(new Label("bare stage")), 480, 680));
      stage.show();
      ShownReport.afterShow(stage);
    }
  }
}
