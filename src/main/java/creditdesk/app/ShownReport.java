package creditdesk.app;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * For start-up measurements ({@code creditdesk bench}): with {@code -Dcreditdesk.reportShown=true}
 * a window prints one line on standard output after its first layout pulse, i.e. when its first
 * frame is laid out and handed to rendering. The console and the bare-Stage baseline report the
 * same way, so their difference is what creditdesk adds.
 */
public final class ShownReport {
  public static final String PROPERTY = "creditdesk.reportShown";
  public static final String LINE = "creditdesk: window shown";

  private ShownReport() {}

  /** Call right after {@code stage.show()}; does nothing unless the property is set. */
  public static void afterShow(Stage stage) {
    if (!Boolean.getBoolean(PROPERTY) || stage.getScene() == null) {
      return;
    }
    Scene scene = stage.getScene();
    Runnable[] once = new Runnable[1];
    once[0] = () -> {
      scene.removePostLayoutPulseListener(once[0]);
      // After the pulse, not inside it: printing must not delay the frame being measured.
      Platform.runLater(() -> {
        System.out.println(LINE);
        System.out.flush();
      });
    };
    scene.addPostLayoutPulseListener(once[0]);
    Platform.requestNextPulse();
  }
}
