package creditdesk.app;

import creditdesk.db.ConnectionGuard;
import javafx.application.Platform;

/**
 * The console's connection guard: taking a database connection on the JavaFX Application Thread
 * is a bug (the window would freeze), so it fails at once, loudly, wherever it comes from.
 */
public final class FxThreadGuard implements ConnectionGuard {
  public static final String MESSAGE = "Database work was started on the JavaFX Application Thread.";

  @Override
  public void beforeConnection() {
    if (Platform.isFxApplicationThread()) {
      throw new IllegalStateException(MESSAGE);
    }
  }
}
