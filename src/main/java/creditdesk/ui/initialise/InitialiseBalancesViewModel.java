package creditdesk.ui.initialise;

import creditdesk.service.user.BalanceInitialisationService.Counts;
import creditdesk.service.user.BalanceInitialisationService.Result;
import creditdesk.service.user.BalanceInitialisationService;
import creditdesk.ui.BackgroundTask;
import creditdesk.ui.Errors;
import creditdesk.ui.TaskExecutor;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Initialise the balances of every legacy user: first a dry run that counts them, then, when the
 * admin confirms, batches until none is left, with progress and Cancel. The web app shows a NULL
 * balance as its default but can never charge it; initialising writes that default, so the
 * customer sees the same number and the web app can charge it.
 */
public final class InitialiseBalancesViewModel {
  private final BalanceInitialisationService service;
  private final TaskExecutor tasks;
  private final int batch;

  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
  private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(this, "canApply");
  private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
  private Counts counted;
  private BackgroundTask<Result> run;

  public InitialiseBalancesViewModel(BalanceInitialisationService service, TaskExecutor tasks) {
    this(service, tasks, BalanceInitialisationService.DEFAULT_BATCH);
  }

  InitialiseBalancesViewModel(BalanceInitialisationService service, TaskExecutor tasks, int batch) {
    this.service = Objects.requireNonNull(service);
    this.tasks = Objects.requireNonNull(tasks);
    this.batch = batch;
  }

  /** The dry run: counts the legacy users and changes nothing. */
  public void count() {
    tasks.execute(
        BackgroundTask.wrap(() -> service.dryRun(null))
            .onRunning(
                () -> {
                  busy.set(true);
                  canApply.set(false);
                  error.set("");
                  status.set("Counting users whose balances were never set…");
                })
            .onSuccess(this::counted)
            .onFailure(e -> error.set(Errors.explain(e)))
            .onFinished(
                () -> {
                  busy.set(false);
                  if (summary.get().isEmpty() || !error.get().isEmpty()) {
                    status.set("");
                  }
                }));
  }

  private void counted(Counts c) {
    counted = c;
    status.set("");
    if (c.users() == 0) {
      summary.set("No user has a balance that was never set: nothing to initialise.");
      canApply.set(false);
      done.set(true);
      return;
    }
    summary.set(
        String.format(
            "%,d %s never set: %,d free-credit and %,d chat-message balances.",
            c.users(), c.users() == 1 ? "user has balances" : "users have balances",
            c.freeCredits(), c.freeChatMessages()));
    canApply.set(true);
  }

  /** Writes the default into every NULL balance, one short transaction per batch. */
  public void apply() {
    if (!canApply.get() || busy.get()) {
      return;
    }
    long expected = counted == null ? 0 : counted.users();
    BackgroundTask<Result> task =
            BackgroundTask.<Result>withContext(
                    context ->
                        service.initialise(
                            null,
                            batch,
                            total -> {
                              context.updateProgress(total.users(), expected);
                              context.updateMessage(
                                  String.format("%,d of about %,d users initialised…",
                                      total.users(), expected));
                            },
                            context::isCancelled))
                .onRunning(
                    () -> {
                      busy.set(true);
                      running.set(true);
                      canApply.set(false);
                      error.set("");
                      progress.set(-1);
                      status.set("Initialising…");
                    })
                .onProgress(p -> progress.set(p.fraction()))
                .onMessage(status::set)
                .onSuccess(this::finished)
                .onFailure(
                    e -> {
                      error.set(Errors.explain(e)
                          + " Balances set before the failure stay set; run it again for the rest.");
                      canApply.set(true);
                    })
                .onFinished(
                    () -> {
                      busy.set(false);
                      running.set(false);
                      if (run != null && run.isCancelled()) {
                        status.set("Cancelled. Balances set so far stay set; run it again for the"
                            + " rest.");
                        canApply.set(true);
                      }
                    });
    run = task;
    tasks.execute(task);
  }

  private void finished(Result r) {
    Counts set = r.set();
    progress.set(1);
    String text =
        String.format(
            "Initialised %,d %s: %,d free-credit and %,d chat-message balances.",
            set.users(), set.users() == 1 ? "user" : "users", set.freeCredits(),
            set.freeChatMessages());
    if (r.cancelled()) {
      text += " Cancelled before the end; run it again for the rest.";
      canApply.set(true);
    } else if (r.busyLeft()) {
      text += " A few users were busy with web-app changes; run it again to set theirs.";
      canApply.set(true);
    } else {
      done.set(true);
    }
    status.set(text);
  }

  /** Stops after the batch in progress; what was set stays set. */
  public void cancel() {
    if (run != null) {
      run.cancel();
    }
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public String getSummary() {
    return summary.get();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public String getStatus() {
    return status.get();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public String getError() {
    return error.get();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public boolean isBusy() {
    return busy.get();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public boolean isRunning() {
    return running.get();
  }

  public ReadOnlyBooleanProperty canApplyProperty() {
    return canApply.getReadOnlyProperty();
  }

  public boolean isCanApply() {
    return canApply.get();
  }

  public ReadOnlyBooleanProperty doneProperty() {
    return done.getReadOnlyProperty();
  }

  public boolean isDone() {
    return done.get();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public double getProgress() {
    return progress.get();
  }
}
