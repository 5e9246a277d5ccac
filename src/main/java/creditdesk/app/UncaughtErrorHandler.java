package creditdesk.app;

import creditdesk.ui.Errors;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The last net: whatever escapes a thread (the FX thread included) or a task without onFailure is
 * logged once and shown to the person as one sentence.
 */
public final class UncaughtErrorHandler implements Thread.UncaughtExceptionHandler {
  private final Consumer<String> show;

  /** @param show displays a sentence; always called on the FX thread */
  public UncaughtErrorHandler(Consumer<String> show) {
    this.show = Objects.requireNonNull(show);
  }

  @Override
  public void uncaughtException(Thread thread, Throwable failure) {
    handle(failure);
  }

  public void handle(Throwable failure) {
    String sentence = Errors.explain(failure);
    if (Platform.isFxApplicationThread()) {
      show.accept(sentence);
    } else {
      try {
        Platform.runLater(() -> show.accept(sentence));
      } catch (IllegalStateException toolkitGone) {
        // Before the toolkit starts or after it stops there is no window to show it in; it is logged.
      }
    }
  }
}
