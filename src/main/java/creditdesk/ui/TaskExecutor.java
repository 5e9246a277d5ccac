package creditdesk.ui;

/**
 * Runs {@link BackgroundTask}s off the UI thread and their callbacks on it. The one way the console
 * starts background work; view-model tests use {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor extends AutoCloseable {
  /** Starts the task and returns it (for {@link BackgroundTask#cancel()}). */
  <T> BackgroundTask<T> execute(BackgroundTask<T> task);

  /** Stops accepting work; running work goes on (its threads are daemons). */
  @Override
  void close();
}
