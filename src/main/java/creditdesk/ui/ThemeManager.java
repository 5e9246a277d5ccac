package creditdesk.ui;

import java.net.URL;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;

/** Applies the chosen theme to the application and to the console's window. */
public final class ThemeManager {
  static final String STYLESHEET = "/fxml/creditdesk.css";

  private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
  // Every window styled so far (main, export); weak, so a closed window is not kept alive.
  private final Set<Scene> scenes = Collections.newSetFromMap(new WeakHashMap<>());

  public ThemeManager() {
    theme.addListener((obs, old, now) -> apply());
  }

  public ObjectProperty<Theme> themeProperty() {
    return theme;
  }

  public Theme getTheme() {
    return theme.get();
  }

  public void setTheme(Theme value) {
    theme.set(Objects.requireNonNull(value));
  }

  /** Styles {@code window} (a scene of the console) and keeps it in step with the theme. */
  public void style(Scene window) {
    URL css = Objects.requireNonNull(ThemeManager.class.getResource(STYLESHEET), STYLESHEET);
    window.getStylesheets().add(css.toExternalForm());
    scenes.add(window);
    apply();
  }

  /** Styles a dialog like the console's window: a dialog has a scene of its own. */
  public void style(DialogPane dialog) {
    URL css = Objects.requireNonNull(ThemeManager.class.getResource(STYLESHEET), STYLESHEET);
    dialog.getStylesheets().add(css.toExternalForm());
    if (theme.get() == Theme.DARK) {
      dialog.getStyleClass().add(StyleClasses.DARK);
    }
  }

  private void apply() {
    Application.setUserAgentStylesheet(theme.get().userAgentStylesheet());
    for (Scene scene : scenes) {
      scene.getRoot().getStyleClass().remove(StyleClasses.DARK);
      if (theme.get() == Theme.DARK) {
        scene.getRoot().getStyleClass().add(StyleClasses.DARK);
      }
    }
  }
}
