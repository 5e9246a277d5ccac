package creditdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {
  private final List<String> events = new ArrayList<>();
  private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

  @Test
  void successRunsCallbacksInOrder() {
    tasks.execute(
        BackgroundTask.wrap(
                () -> {
                  events.add("work");
                  return 42;
                })
            .onRunning(() -> events.add("running"))
            .onSuccess(v -> events.add("success " + v))
            .onFailure(e -> events.add("failure"))
            .onFinished(() -> events.add("finished")));
    assertThat(events).containsExactly("running", "work", "success 42", "finished");
  }

  @Test
  void failureGoesToOnFailureThenFinished() {
    tasks.execute(
        BackgroundTask.wrap(
                () -> {
                  throw new IllegalArgumentException("boom");
                })
            .onSuccess(v -> events.add("success"))
            .onFailure(e -> events.add("failure " + e.getMessage()))
            .onFinished(() -> events.add("finished")));
    assertThat(events).containsExactly("failure boom", "finished");
  }

  @Test
  void failureWithoutCallbackGoesToTheDefaultHandler() {
    List<Exception> unhandled = new ArrayList<>();
    new CurrentThreadTaskExecutor(unhandled::add)
        .execute(
            BackgroundTask.wrap(
                () -> {
                  throw new IllegalStateException("lost");
                }));
    assertThat(unhandled).singleElement().extracting(Exception::getMessage).isEqualTo("lost");
  }

  @Test
  void testExecutorRethrowsUnhandledFailures() {
    assertThatThrownBy(
            () ->
                tasks.execute(
                    BackgroundTask.wrap(
                        () -> {
                          throw new IllegalStateException("lost");
                        })))
        .hasRootCauseMessage("lost");
  }

  @Test
  void cancelledWorkStopsAndReportsNeitherSuccessNorFailure() {
    List<Double> progress = new ArrayList<>();
    BackgroundTask<Integer> task =
        new BackgroundTask<>() {
          @Override
          protected Integer call() {
            int done = 0;
            while (done < 100 && !isCancelled()) {
              done++;
              updateProgress(done, 100);
              if (done == 10) {
                cancel(); // what a Cancel button does mid-way
              }
            }
            events.add("stopped at " + done);
            return done;
          }
        };
    tasks.execute(
        task.onProgress(p -> progress.add(p.fraction()))
            .onSuccess(v -> events.add("success " + v))
            .onFailure(e -> events.add("failure"))
            .onFinished(() -> events.add("finished")));
    assertThat(events).containsExactly("stopped at 10", "finished");
    assertThat(progress).hasSize(10).endsWith(0.1);
    assertThat(task.isCancelled()).isTrue();
  }

  @Test
  void taskCancelledBeforeItRunsDoesNoWork() {
    BackgroundTask<String> task =
        BackgroundTask.wrap(
            () -> {
              events.add("work");
              return "x";
            });
    task.cancel();
    tasks.execute(task.onFinished(() -> events.add("finished")));
    assertThat(events).containsExactly("finished");
  }

  @Test
  void messagesReachTheCallback() {
    tasks.execute(
        BackgroundTask.withContext(
                context -> {
                  context.updateMessage("step one");
                  context.updateMessage("step two");
                  return null;
                })
            .onMessage(events::add));
    assertThat(events).containsExactly("step one", "step two");
  }

  @Test
  void progressFractionIsClampedAndUnknownWithoutMax() {
    assertThat(new BackgroundTask.Progress(5, 10).fraction()).isEqualTo(0.5);
    assertThat(new BackgroundTask.Progress(15, 10).fraction()).isEqualTo(1.0);
    assertThat(new BackgroundTask.Progress(3, 0).fraction()).isEqualTo(-1.0);
  }
}
