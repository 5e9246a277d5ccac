package creditdesk.ui;

/**
 * Runs the last action scheduled after a quiet period; an action scheduled while one waits
 * replaces it. The console's runs on the FX thread ({@link FxDebouncer}); tests fire by hand.
 */
public interface Debouncer {
  void schedule(Runnable action);

  void cancel();

  /** Runs every action at once: for view-model tests that do not test the delay itself. */
  Debouncer IMMEDIATE =
      new Debouncer() {
        @Override
        public void schedule(Runnable action) {
          action.run();
        }

        @Override
        public void cancel() {}
      };
}
