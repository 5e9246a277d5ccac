package creditdesk.ui;

import java.util.function.Consumer;

/**
 * Runs tasks and their callbacks at once on the calling thread: view-model tests need no toolkit
 * and see the outcome as soon as {@code execute} returns.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
  private final Consumer<Exception> defaultFailure;

  /** Unhandled failures are rethrown, so a test cannot miss them. */
  public CurrentThreadTaskExecutor() {
    this(
        e -> {
          throw new IllegalStateException("Task failed without an onFailure callback", e);
        });
  }

  public CurrentThreadTaskExecutor(Consumer<Exception> defaultFailure) {
    this.defaultFailure = defaultFailure;
  }

  @Override
  public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
    task.bind(Runnable::run);
    task.fireRunning();
    task.runWork(defaultFailure);
    return task;
  }

  @Override
  public void close() {}
}
