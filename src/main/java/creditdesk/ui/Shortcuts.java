package creditdesk.ui;

import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;

/** Keyboard shortcuts that hold while a view is in a window, and go with it. */
public final class Shortcuts {
  private Shortcuts() {}

  /** Installs {@code shortcuts} on the scene {@code view} is in, now and whenever it moves. */
  public static void whileShown(Node view, Map<KeyCombination, Runnable> shortcuts) {
    if (view.getScene() != null) {
      add(view.getScene(), shortcuts);
    }
    view.sceneProperty()
        .addListener(
            (obs, old, now) -> {
              if (old != null) {
                shortcuts.keySet().forEach(old.getAccelerators()::remove);
              }
              if (now != null) {
                add(now, shortcuts);
              }
            });
  }

  private static void add(Scene scene, Map<KeyCombination, Runnable> shortcuts) {
    scene.getAccelerators().putAll(shortcuts);
  }
}
