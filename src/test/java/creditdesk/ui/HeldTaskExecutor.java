package creditdesk.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts tasks (onRunning at once, as the console does) but holds their work until the test
 * releases it, in any order: for answers that arrive late or out of order.
 */
public final class HeldTaskExecutor implements TaskExecutor {
  private final List<BackgroundTask<?>> held = new ArrayList<>();

  @Override
  public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
    task.bind(Runnable::run);
    task.fireRunning();
    held.add(task);
    return task;
  }

  public int held() {
    return held.size();
  }

  /** Runs the held tasks, newest first: the oldest answer arrives last. */
  public void releaseNewestFirst() {
    List<BackgroundTask<?>> tasks = new ArrayList<>(held);
    held.clear();
    for (int i = tasks.size() - 1; i >= 0; i--) {
      tasks.get(i).runWork(
          e -> {
            throw new IllegalStateException("Task failed without an onFailure callback", e);
          });
    }
  }

  @Override
  public void close() {}
}
