package creditdesk.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads FXML views with controllers that the composition root built (no reflection-made controllers). */
public final class Views {
  private Views() {}

  /** Loads {@code fxml} (a classpath path such as /fxml/login/LoginView.fxml) with {@code controller}. */
  public static Parent load(String fxml, Object controller) {
    URL url = Objects.requireNonNull(Views.class.getResource(fxml), () -> "No view " + fxml);
    FXMLLoader loader = new FXMLLoader(url);
    loader.setControllerFactory(
        type -> {
          if (!type.isInstance(controller)) {
            throw new IllegalStateException(
                fxml + " wants a " + type.getName() + ", was given a " + controller.getClass().getName());
          }
          return controller;
        });
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not load " + fxml, e);
    }
  }
}
