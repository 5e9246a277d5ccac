package creditdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The real executor: work on daemon threads, every callback on the FX thread. */
class UiTaskExecutorTest {
  private final List<Exception> unhandled = new CopyOnWriteArrayList<>();
  private final UiTaskExecutor tasks = new UiTaskExecutor(unhandled::add);

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void close() {
    tasks.close();
  }

  @Test
  void workRunsOnADaemonThreadAndCallbacksOnTheFxThread() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    tasks.execute(
        BackgroundTask.withContext(
                context -> {
                  Thread me = Thread.currentThread();
                  seen.add("work fx=" + Platform.isFxApplicationThread() + " daemon=" + me.isDaemon());
                  context.updateProgress(1, 2);
                  return "result";
                })
            .onRunning(() -> seen.add("running fx=" + Platform.isFxApplicationThread()))
            .onProgress(p -> seen.add("progress fx=" + Platform.isFxApplicationThread()))
            .onSuccess(v -> seen.add("success fx=" + Platform.isFxApplicationThread()))
            .onFinished(done::countDown));

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen)
        .containsExactly(
            "running fx=true",
            "work fx=false daemon=true",
            "progress fx=true",
            "success fx=true");
  }

  @Test
  void failureWithoutCallbackReachesTheDefaultHandlerOnTheFxThread() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    List<Boolean> onFx = new CopyOnWriteArrayList<>();
    UiTaskExecutor withCheck =
        new UiTaskExecutor(
            e -> {
              onFx.add(Platform.isFxApplicationThread());
              unhandled.add(e);
            });
    try {
      withCheck.execute(
          BackgroundTask.wrap(
                  () -> {
                    throw new IllegalStateException("nobody listens");
                  })
              .onFinished(done::countDown));
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(onFx).containsExactly(true);
      assertThat(unhandled).singleElement().extracting(Exception::getMessage).isEqualTo("nobody listens");
    } finally {
      withCheck.close();
    }
  }
}
