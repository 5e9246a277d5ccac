package creditdesk.ui.export;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.export.ExportCancellation;
import creditdesk.service.export.ExportCancelledException;
import creditdesk.service.export.ExportFilter;
import creditdesk.service.export.ExportProgress;
import creditdesk.service.export.ExportReport;
import creditdesk.service.export.ExportRequest;
import creditdesk.service.export.ExportResult;
import creditdesk.service.export.ExportService;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.service.search.UserResolver;
import creditdesk.ui.BackgroundTask;
import creditdesk.ui.Errors;
import creditdesk.ui.TaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The export screen: what to export (report, days, filters, options, file), and one export at a
 * time running on the task executor with progress, cancel, and the written file at the end.
 *
 * <p>Given an {@link ExportPreset} (a user's history, the search results), what to export is fixed
 * and only the options and the file remain to choose.
 */
public final class ExportViewModel {
  private static final String FORMULAS =
      "Text that a spreadsheet could run as a formula gets a leading '.";

  /** Shows a folder in the desktop's file manager. */
  @FunctionalInterface
  public interface FolderOpener {
    void open(Path folder);
  }

  private final ExportService exports;
  private final UserResolver users;
  private final TaskExecutor tasks;
  private final FolderOpener folders;
  private final ExportPreset preset;

  private final ObjectProperty<ExportReport> report = new SimpleObjectProperty<>(this, "report", ExportReport.LEDGER);
  private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
  private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");
  private final ObjectProperty<OperationType> operation = new SimpleObjectProperty<>(this, "operation");
  private final ObjectProperty<FeatureType> feature = new SimpleObjectProperty<>(this, "feature");
  private final ObjectProperty<LedgerSource> source = new SimpleObjectProperty<>(this, "source");
  private final StringProperty user = new SimpleStringProperty(this, "user", "");
  private final BooleanProperty includeEmail = new SimpleBooleanProperty(this, "includeEmail");
  private final BooleanProperty byteOrderMark = new SimpleBooleanProperty(this, "byteOrderMark");
  private final StringProperty file = new SimpleStringProperty(this, "file", "");

  private final ReadOnlyBooleanWrapper emailPossible = new ReadOnlyBooleanWrapper(this, "emailPossible", true);
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
  private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper(this, "canExport");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyObjectWrapper<Path> written = new ReadOnlyObjectWrapper<>(this, "written");
  private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");
  private final ReadOnlyBooleanWrapper hasError = new ReadOnlyBooleanWrapper(this, "hasError");
  private final ReadOnlyBooleanWrapper hasProblem = new ReadOnlyBooleanWrapper(this, "hasProblem");
  private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(this, "locked");
  private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "Export to CSV");
  private final ReadOnlyStringWrapper subheading = new ReadOnlyStringWrapper(this, "subheading",
      "UTC days, both included. " + FORMULAS);

  private ExportCancellation cancellation;

  public ExportViewModel(
      ExportService exports, UserResolver users, TaskExecutor tasks, FolderOpener folders, Clock clock) {
    this(exports, users, tasks, folders, clock, null, null);
  }

  /** An export of {@code preset} (null: the full form) to {@code target} (null: not chosen yet). */
  public ExportViewModel(
      ExportService exports,
      UserResolver users,
      TaskExecutor tasks,
      FolderOpener folders,
      Clock clock,
      ExportPreset preset,
      Path target) {
    this.exports = Objects.requireNonNull(exports);
    this.users = Objects.requireNonNull(users);
    this.tasks = Objects.requireNonNull(tasks);
    this.folders = Objects.requireNonNull(folders);
    this.preset = preset;
    if (preset != null) {
      report.set(preset.request().report());
      locked.set(true);
      heading.set(preset.title());
      subheading.set(preset.description() + " " + FORMULAS);
    }
    if (target != null) {
      file.set(target.toString());
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    from.set(today.withDayOfMonth(1));
    to.set(today);
    emailPossible.set(report.get() == ExportReport.LEDGER);
    report.addListener((o, was, now) -> {
      emailPossible.set(now == ExportReport.LEDGER);
      if (now != ExportReport.LEDGER) {
        includeEmail.set(false);
      }
    });
    from.addListener(o -> check());
    to.addListener(o -> check());
    file.addListener(o -> check());
    running.addListener(o -> check());
    hasError.bind(error.isNotEmpty());
    hasProblem.bind(problem.isNotEmpty().and(running.not()));
    check();
  }

  /** A file name that says what is in it, for the save dialog. */
  public String suggestedFileName() {
    if (preset != null) {
      return preset.fileName();
    }
    String what = report.get() == ExportReport.DAILY_USAGE ? "daily-usage" : "ledger";
    return what + "-" + from.get() + "-to-" + to.get() + ".csv";
  }

  private void check() {
    String p = "";
    // A preset fixes what to export; only the file is left to choose.
    boolean form = preset == null;
    if (form && (from.get() == null || to.get() == null)) {
      p = "Choose the first and the last day.";
    } else if (form && from.get().isAfter(to.get())) {
      p = "The first day is after the last day.";
    } else if (file.get() == null || file.get().isBlank()) {
      p = "Choose a file to export to.";
    }
    problem.set(p);
    canExport.set(p.isEmpty() && !running.get());
  }

  /** Starts the export on a background thread; progress and the outcome arrive on the UI thread. */
  public void export() {
    if (!canExport.get()) {
      return;
    }
    ExportReport r = report.get();
    LocalDate first = from.get();
    LocalDate last = to.get();
    OperationType op = operation.get();
    FeatureType f = feature.get();
    LedgerSource s = source.get();
    String who = user.get() == null ? "" : user.get().strip();
    boolean email = includeEmail.get() && r == ExportReport.LEDGER;
    boolean bom = byteOrderMark.get();
    Path target = Path.of(file.get().strip());
    ExportCancellation cancel = new ExportCancellation();
    cancellation = cancel;
    ExportPreset fixed = preset;
    BackgroundTask<ExportResult> task = BackgroundTask.withContext(ctx -> {
      ExportRequest request;
      if (fixed != null) {
        ExportRequest p = fixed.request();
        request = new ExportRequest(p.report(), p.filter(), p.searchQuery(), email, bom);
      } else {
        UUID userId = who.isEmpty() ? null : users.resolve(who).id();
        ExportFilter filter = ExportFilter.between(first, last).withOperation(op).withFeature(f)
            .withSource(s).withUser(userId);
        request = new ExportRequest(r, filter, null, email, bom);
      }
      return exports.export(request, target, p -> {
        ctx.updateProgress(p.rows(), p.estimatedRows());
        ctx.updateMessage(describe(p));
      }, cancel);
    });
    task.onRunning(() -> {
          running.set(true);
          done.set(false);
          written.set(null);
          error.set("");
          progress.set(-1);
          status.set("Starting the export…");
        })
        .onProgress(pr -> progress.set(pr.fraction()))
        .onMessage(message -> {
          if (running.get()) {
            status.set(message);
          }
        })
        .onSuccess(result -> {
          written.set(result.file());
          done.set(true);
          progress.set(1);
          status.set(String.format(Locale.ROOT, "Exported %,d %s to %s in %.1f s.", result.rows(),
              result.rows() == 1 ? "row" : "rows", result.file().getFileName(),
              result.elapsed().toMillis() / 1000.0));
        })
        .onFailure(e -> {
          progress.set(-1);
          if (e instanceof ExportCancelledException) {
            status.set("Cancelled; no file was written.");
          } else {
            status.set("");
            error.set(Errors.explain(e));
          }
        })
        .onFinished(() -> running.set(false));
    tasks.execute(task);
  }

  /**
   * Stops the running export; it leaves no file. Only the export is told, not the task: an export
   * that completes at that very moment reports its file rather than a cancel that did not happen.
   */
  public void cancel() {
    if (cancellation != null && running.get() && !cancellation.isCancelled()) {
      cancellation.cancel();
      status.set("Cancelling…");
    }
  }

  public void openFolder() {
    Path f = written.get();
    if (f != null && f.getParent() != null) {
      folders.open(f.getParent());
    }
  }

  /** "12,345 of about 100,000 rows · 50,000 rows/s · about 2 s left" */
  static String describe(ExportProgress p) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%,d", p.rows()));
    if (p.estimatedRows() > 0) {
      b.append(String.format(Locale.ROOT, " of about %,d", Math.max(p.estimatedRows(), p.rows())));
    }
    b.append(" rows");
    if (p.rows() > 0) {
      b.append(String.format(Locale.ROOT, " · %,.0f rows/s", p.rowsPerSecond()));
    }
    Duration left = p.remaining();
    if (left != null && p.rows() > 0) {
      b.append(" · about ").append(humanDuration(left)).append(" left");
    }
    return b.toString();
  }

  private static String humanDuration(Duration d) {
    long s = Math.max(1, d.toSeconds());
    return s < 90 ? s + " s" : (s + 30) / 60 + " min";
  }

  public ObjectProperty<ExportReport> reportProperty() {
    return report;
  }

  public ObjectProperty<LocalDate> fromProperty() {
    return from;
  }

  public ObjectProperty<LocalDate> toProperty() {
    return to;
  }

  /** The operations the filter offers: the database's labels, new ones included. */
  public List<OperationType> operationChoices() {
    return exports.labels().operations();
  }

  /** The features the filter offers: the database's labels, new ones included. */
  public List<FeatureType> featureChoices() {
    return exports.labels().features();
  }

  public ObjectProperty<OperationType> operationProperty() {
    return operation;
  }

  public ObjectProperty<FeatureType> featureProperty() {
    return feature;
  }

  public ObjectProperty<LedgerSource> sourceProperty() {
    return source;
  }

  public StringProperty userProperty() {
    return user;
  }

  public BooleanProperty includeEmailProperty() {
    return includeEmail;
  }

  public BooleanProperty byteOrderMarkProperty() {
    return byteOrderMark;
  }

  public StringProperty fileProperty() {
    return file;
  }

  public ReadOnlyBooleanProperty emailPossibleProperty() {
    return emailPossible.getReadOnlyProperty();
  }

  public boolean isEmailPossible() {
    return emailPossible.get();
  }

  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  public String getProblem() {
    return problem.get();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public boolean isRunning() {
    return running.get();
  }

  public ReadOnlyBooleanProperty canExportProperty() {
    return canExport.getReadOnlyProperty();
  }

  public boolean isCanExport() {
    return canExport.get();
  }

  /** 0 to 1, or -1 while unknown. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public double getProgress() {
    return progress.get();
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

  public ReadOnlyBooleanProperty hasErrorProperty() {
    return hasError.getReadOnlyProperty();
  }

  public boolean isHasError() {
    return hasError.get();
  }

  /** True while the form is incomplete (and nothing runs): {@link #problemProperty()} says why. */
  public ReadOnlyBooleanProperty hasProblemProperty() {
    return hasProblem.getReadOnlyProperty();
  }

  public boolean isHasProblem() {
    return hasProblem.get();
  }

  /** True when what to export is fixed by a preset (the form shows only options and file). */
  public ReadOnlyBooleanProperty lockedProperty() {
    return locked.getReadOnlyProperty();
  }

  public boolean isLocked() {
    return locked.get();
  }

  public ReadOnlyStringProperty headingProperty() {
    return heading.getReadOnlyProperty();
  }

  public String getHeading() {
    return heading.get();
  }

  public ReadOnlyStringProperty subheadingProperty() {
    return subheading.getReadOnlyProperty();
  }

  public String getSubheading() {
    return subheading.get();
  }

  public ReadOnlyObjectProperty<Path> writtenProperty() {
    return written.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty doneProperty() {
    return done.getReadOnlyProperty();
  }

  public boolean isDone() {
    return done.get();
  }
}
