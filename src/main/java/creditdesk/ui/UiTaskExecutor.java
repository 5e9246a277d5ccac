package creditdesk.ui;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs tasks on a pool of daemon threads and their callbacks on the JavaFX Application Thread. The
 * only place the console makes threads for its work.
 */
public final class UiTaskExecutor implements TaskExecutor {
  private final ExecutorService pool;
  private final Consumer<Exception> defaultFailure;

  /** @param defaultFailure receives, on the FX thread, failures a task has no callback for */
  public UiTaskExecutor(Consumer<Exception> defaultFailure) {
    this.defaultFailure = Objects.requireNonNull(defaultFailure);
    this.pool = Executors.newCachedThreadPool(new DaemonThreads());
  }

  @Override
  public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
    task.bind(Platform::runLater);
    if (Platform.isFxApplicationThread()) {
      task.fireRunning();
    } else {
      // Queued before the work starts, so it runs before any outcome callback.
      Platform.runLater(task::fireRunning);
    }
    pool.execute(() -> task.runWork(defaultFailure));
    return task;
  }

  @Override
  public void close() {
    pool.shutdown();
  }

  /** Waits up to {@code timeout} for running work to end; for an orderly exit. */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitTermination(timeout, unit);
  }

  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable work) {
      Thread thread = new Thread(work, "creditdesk-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
