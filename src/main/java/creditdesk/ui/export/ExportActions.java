package creditdesk.ui.export;

import creditdesk.service.export.ExportPermissions;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.ui.BackgroundTask;
import creditdesk.ui.Errors;
import creditdesk.ui.TaskExecutor;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The exports the screens start (a user's history, the search results): whether the login's
 * grants allow each, as the database says, and the hand-over to the composition root, which asks
 * where to write and opens the export window. Nothing is offered until the database has answered.
 */
public final class ExportActions {
  private final Consumer<ExportPreset> launcher;
  private final Clock clock;
  private final ReadOnlyBooleanWrapper history = new ReadOnlyBooleanWrapper(this, "history");
  private final ReadOnlyBooleanWrapper searchResults = new ReadOnlyBooleanWrapper(this, "searchResults");

  public ExportActions(Consumer<ExportPreset> launcher, Clock clock) {
    this.launcher = Objects.requireNonNull(launcher);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Offers nothing; for screens built without exports (view-model tests). */
  public static ExportActions none() {
    return new ExportActions(preset -> {}, Clock.systemUTC());
  }

  /** Asks, off the UI thread, what the login may export; a failure offers nothing (and is logged). */
  public void load(Supplier<ExportPermissions> permissions, TaskExecutor tasks) {
    tasks.execute(BackgroundTask.wrap(permissions::get)
        .onSuccess(this::allow)
        .onFailure(e -> {
          Errors.explain(e);
          allow(ExportPermissions.NONE);
        }));
  }

  public void allow(ExportPermissions permissions) {
    history.set(permissions.ledger());
    searchResults.set(permissions.searchResults());
  }

  /** Exports one user's history with {@code filter}; nothing when not allowed. */
  public void exportHistory(UUID userId, String email, HistoryFilter filter) {
    if (history.get()) {
      launcher.accept(ExportPreset.history(userId, email, filter, today()));
    }
  }

  /** Exports every user {@code query} finds; nothing when not allowed. */
  public void exportSearchResults(String query) {
    if (searchResults.get()) {
      launcher.accept(ExportPreset.searchResults(query, today()));
    }
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  public ReadOnlyBooleanProperty historyProperty() {
    return history.getReadOnlyProperty();
  }

  public boolean isHistory() {
    return history.get();
  }

  public ReadOnlyBooleanProperty searchResultsProperty() {
    return searchResults.getReadOnlyProperty();
  }

  public boolean isSearchResults() {
    return searchResults.get();
  }
}
