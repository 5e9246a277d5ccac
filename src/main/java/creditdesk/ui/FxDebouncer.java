package creditdesk.ui;

import java.time.Duration;
import java.util.Objects;
import javafx.animation.PauseTransition;

/** A {@link Debouncer} on the FX thread's clock: no thread of its own, the action runs on the FX thread. */
public final class FxDebouncer implements Debouncer {
  private final PauseTransition pause;
  private Runnable pending;

  public FxDebouncer(Duration quiet) {
    pause = new PauseTransition(javafx.util.Duration.millis(quiet.toMillis()));
    pause.setOnFinished(
        e -> {
          Runnable action = pending;
          pending = null;
          if (action != null) {
            action.run();
          }
        });
  }

  @Override
  public void schedule(Runnable action) {
    pending = Objects.requireNonNull(action);
    pause.playFromStart();
  }

  @Override
  public void cancel() {
    pending = null;
    pause.stop();
  }
}
