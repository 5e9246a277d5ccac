package creditdesk.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Work for a background thread, with callbacks that the {@link TaskExecutor} runs on the UI thread:
 * {@code onRunning} before the work, then {@code onSuccess} or {@code onFailure}, then {@code
 * onFinished}. Long work reports {@link #updateProgress progress} and checks {@link #isCancelled()};
 * a cancelled task calls neither onSuccess nor onFailure, only onFinished.
 *
 * <p>Modelled on JabRef's BackgroundTask, without its JavaFX dependencies: which thread runs the
 * callbacks is the executor's business, so view models can be tested on the current thread.
 */
public abstract class BackgroundTask<T> {
  /** How far long work has come; {@code max <= 0} means unknown. */
  public record Progress(double workDone, double max) {
    public double fraction() {
      return max <= 0 ? -1 : Math.min(1, Math.max(0, workDone / max));
    }
  }

  /** What long work can see of its task. */
  public interface Context {
    boolean isCancelled();

    void updateProgress(double workDone, double max);

    void updateMessage(String message);
  }

  /** Work that reports progress or can be cancelled. */
  @FunctionalInterface
  public interface Work<T> {
    T call(Context context) throws Exception;
  }

  private static final Runnable NOTHING = () -> {};

  private Runnable onRunning = NOTHING;
  private Consumer<? super T> onSuccess = value -> {};
  private Consumer<Exception> onFailure;
  private Runnable onFinished = NOTHING;
  private Consumer<Progress> onProgress = progress -> {};
  private Consumer<String> onMessage = message -> {};

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicReference<Progress> pendingProgress = new AtomicReference<>();
  private final AtomicReference<String> pendingMessage = new AtomicReference<>();
  private volatile Executor callbacks = Runnable::run;

  /** Work without progress. */
  public static <T> BackgroundTask<T> wrap(Callable<T> work) {
    Objects.requireNonNull(work, "work");
    return new BackgroundTask<>() {
      @Override
      protected T call() throws Exception {
        return work.call();
      }
    };
  }

  /** Work that reports progress or checks for cancellation through its context. */
  public static <T> BackgroundTask<T> withContext(Work<T> work) {
    Objects.requireNonNull(work, "work");
    return new BackgroundTask<>() {
      @Override
      protected T call() throws Exception {
        return work.call(context());
      }
    };
  }

  /** The work itself; runs on a background thread. */
  protected abstract T call() throws Exception;

  public BackgroundTask<T> onRunning(Runnable callback) {
    this.onRunning = Objects.requireNonNull(callback);
    return this;
  }

  public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
    this.onSuccess = Objects.requireNonNull(callback);
    return this;
  }

  /** Without it, a failure goes to the executor's default handler (the global error handler). */
  public BackgroundTask<T> onFailure(Consumer<Exception> callback) {
    this.onFailure = Objects.requireNonNull(callback);
    return this;
  }

  public BackgroundTask<T> onFinished(Runnable callback) {
    this.onFinished = Objects.requireNonNull(callback);
    return this;
  }

  public BackgroundTask<T> onProgress(Consumer<Progress> callback) {
    this.onProgress = Objects.requireNonNull(callback);
    return this;
  }

  public BackgroundTask<T> onMessage(Consumer<String> callback) {
    this.onMessage = Objects.requireNonNull(callback);
    return this;
  }

  /** Asks the work to stop; it stops at its next {@link #isCancelled()} check. */
  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Reports progress. Safe to call in a tight loop: the UI thread receives at most one pending
   * update at a time, always the latest.
   */
  protected void updateProgress(double workDone, double max) {
    if (pendingProgress.getAndSet(new Progress(workDone, max)) == null) {
      callbacks.execute(() -> onProgress.accept(pendingProgress.getAndSet(null)));
    }
  }

  /** Reports what the work is doing now, as one short sentence. */
  protected void updateMessage(String message) {
    if (pendingMessage.getAndSet(Objects.requireNonNull(message)) == null) {
      callbacks.execute(() -> onMessage.accept(pendingMessage.getAndSet(null)));
    }
  }

  protected final Context context() {
    return new Context() {
      @Override
      public boolean isCancelled() {
        return BackgroundTask.this.isCancelled();
      }

      @Override
      public void updateProgress(double workDone, double max) {
        BackgroundTask.this.updateProgress(workDone, max);
      }

      @Override
      public void updateMessage(String message) {
        BackgroundTask.this.updateMessage(message);
      }
    };
  }

  /** Executors say, before anything runs, where callbacks go. */
  final void bind(Executor callbackExecutor) {
    this.callbacks = Objects.requireNonNull(callbackExecutor);
  }

  /** Runs onRunning; executors call this on the UI thread before the outcome can arrive. */
  final void fireRunning() {
    onRunning.run();
  }

  /**
   * Runs the work on the calling thread and posts the outcome through the callback executor.
   * Failures without an onFailure callback go to {@code defaultFailure}.
   */
  final void runWork(Consumer<Exception> defaultFailure) {
    if (isCancelled()) {
      callbacks.execute(onFinished);
      return;
    }
    T result;
    try {
      result = call();
    } catch (Exception e) {
      callbacks.execute(
          () -> {
            try {
              if (!isCancelled()) {
                (onFailure != null ? onFailure : defaultFailure).accept(e);
              }
            } finally {
              onFinished.run();
            }
          });
      return;
    }
    callbacks.execute(
        () -> {
          try {
            // Checked again here: a cancel may arrive while the result waits for the UI thread.
            if (!isCancelled()) {
              onSuccess.accept(result);
            }
          } finally {
            onFinished.run();
          }
        });
  }
}
