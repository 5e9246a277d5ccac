package creditdesk.service.export;

/**
 * Stops a running export from any thread. The export checks it between rows; while the database
 * is still working on the first row (sorting, say) it also asks the server to cancel the
 * statement. An export cancelled this way leaves no file.
 */
public final class ExportCancellation {
  private volatile boolean cancelled;
  private Runnable onCancel;

  public void cancel() {
    Runnable action;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      action = onCancel;
    }
    if (action != null) {
      action.run();
    }
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Registers what cancel() must do while a statement runs; null clears it. */
  synchronized void whileRunning(Runnable action) {
    onCancel = action;
  }
}
