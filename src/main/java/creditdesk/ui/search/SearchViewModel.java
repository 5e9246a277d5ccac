package creditdesk.ui.search;

import creditdesk.service.search.SearchPage;
import creditdesk.service.search.UserSearchService;
import creditdesk.service.search.UserSummary;
import creditdesk.ui.BackgroundTask;
import creditdesk.ui.Debouncer;
import creditdesk.ui.Errors;
import creditdesk.ui.TaskExecutor;
import creditdesk.ui.export.ExportActions;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * User search: results as the person types (debounced), best matches first, a page at a time.
 * Every search has a generation; a response for an older one is dropped, so a slow answer to
 * "ma" never replaces the answer to "maria".
 */
public final class SearchViewModel {
  /** What the result area shows. */
  public enum State {
    /** Nothing typed yet. */
    IDLE,
    SEARCHING,
    RESULTS,
    NO_RESULTS,
    ERROR
  }

  static final String LAST_SEARCH = "search.last";

  private final UserSearchService search;
  private final TaskExecutor tasks;
  private final Debouncer debouncer;
  private final Preferences preferences;
  private final Consumer<UUID> openUser;
  private final ExportActions exports;

  private final StringProperty query = new SimpleStringProperty(this, "query", "");
  private final ObservableList<UserSummary> results = FXCollections.observableArrayList();
  private final ObservableList<UserSummary> readOnlyResults =
      FXCollections.unmodifiableObservableList(results);
  private final ObjectProperty<UserSummary> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyObjectWrapper<State> state =
      new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper(this, "canExport");

  private long generation;
  private BackgroundTask<SearchPage> running;
  private SearchPage last;

  public SearchViewModel(
      UserSearchService search,
      TaskExecutor tasks,
      Debouncer debouncer,
      Preferences preferences,
      Consumer<UUID> openUser) {
    this(search, tasks, debouncer, preferences, openUser, ExportActions.none());
  }

  /** @param exports exports the results when the login's grants allow it */
  public SearchViewModel(
      UserSearchService search,
      TaskExecutor tasks,
      Debouncer debouncer,
      Preferences preferences,
      Consumer<UUID> openUser,
      ExportActions exports) {
    this.search = Objects.requireNonNull(search);
    this.tasks = Objects.requireNonNull(tasks);
    this.debouncer = Objects.requireNonNull(debouncer);
    this.preferences = Objects.requireNonNull(preferences);
    this.openUser = Objects.requireNonNull(openUser);
    this.exports = Objects.requireNonNull(exports);
    // Something to export: a finished search with results, the typed text still the searched one.
    canExport.bind(
        exports.searchResultsProperty()
            .and(state.isEqualTo(State.RESULTS))
            .and(busy.not()));
    query.set(preferences.get(LAST_SEARCH, ""));
    query.addListener((obs, old, now) -> queryChanged(now));
  }

  /** Runs the remembered search, if any; call once the view shows. */
  public void start() {
    if (!query.get().isBlank()) {
      searchNow();
    }
  }

  private void queryChanged(String now) {
    if (now == null || now.isBlank()) {
      debouncer.cancel();
      stopRunning();
      generation++;
      last = null;
      results.clear();
      selected.set(null);
      hasMore.set(false);
      state.set(State.IDLE);
      message.set("");
      preferences.remove(LAST_SEARCH);
      return;
    }
    debouncer.schedule(this::searchNow);
  }

  /** Searches for the query now (Enter, or the debounce running out). */
  public void searchNow() {
    search(null);
  }

  /**
   * Runs the current search again (balances move: back from a user after a grant), keeping the
   * selected user selected if it is still among the first page.
   */
  public void refresh() {
    UserSummary current = selected.get();
    search(current == null ? null : current.id());
  }

  private void search(UUID keepSelected) {
    debouncer.cancel();
    String q = query.get() == null ? "" : query.get().strip();
    if (q.isEmpty()) {
      return;
    }
    stopRunning();
    long mine = ++generation;
    running =
        tasks.execute(
            BackgroundTask.wrap(() -> search.search(q, 0))
                .onRunning(
                    () -> {
                      busy.set(true);
                      state.set(State.SEARCHING);
                      message.set("Searching…");
                    })
                .onSuccess(
                    page -> {
                      if (mine == generation) {
                        last = page;
                        results.setAll(page.users());
                        selected.set(
                            page.users().stream()
                                .filter(u -> u.id().equals(keepSelected))
                                .findFirst()
                                .orElse(page.users().isEmpty() ? null : page.users().get(0)));
                        hasMore.set(page.hasMore());
                        preferences.put(LAST_SEARCH, q);
                        showCount(q);
                      }
                    })
                .onFailure(e -> fail(mine, e))
                .onFinished(() -> finished(mine)));
  }

  /** Appends the next page of the current search. */
  public void loadMore() {
    if (last == null || !last.hasMore() || busy.get()) {
      return;
    }
    SearchPage current = last;
    long mine = generation;
    running =
        tasks.execute(
            BackgroundTask.wrap(() -> search.search(current.query(), current.page() + 1))
                .onRunning(() -> busy.set(true))
                .onSuccess(
                    page -> {
                      if (mine == generation) {
                        last = page;
                        results.addAll(page.users());
                        hasMore.set(page.hasMore());
                        showCount(page.query());
                      }
                    })
                .onFailure(e -> fail(mine, e))
                .onFinished(() -> finished(mine)));
  }

  private void showCount(String q) {
    int n = results.size();
    if (n == 0) {
      state.set(State.NO_RESULTS);
      message.set("No user matches \"" + q + "\". Try part of the e-mail address, the name, or the full id.");
    } else {
      state.set(State.RESULTS);
      message.set(
          (n == 1 ? "1 user" : String.format("%,d users", n))
              + (hasMore.get() ? " shown, more below" : ""));
    }
  }

  private void fail(long mine, Exception e) {
    if (mine == generation) {
      state.set(State.ERROR);
      message.set(Errors.explain(e));
    }
  }

  private void finished(long mine) {
    if (mine == generation) {
      busy.set(false);
      running = null;
    }
  }

  private void stopRunning() {
    if (running != null) {
      running.cancel();
      running = null;
    }
    busy.set(false);
  }

  /** Exports every user the shown search finds (not only the loaded pages), when allowed. */
  public void exportResults() {
    if (canExport.get() && last != null) {
      exports.exportSearchResults(last.query());
    }
  }

  /** Opens the selected user (Enter, double click). */
  public void openSelected() {
    UserSummary user = selected.get();
    if (user != null) {
      openUser.accept(user.id());
    }
  }

  public StringProperty queryProperty() {
    return query;
  }

  public ObservableList<UserSummary> getResults() {
    return readOnlyResults;
  }

  public ObjectProperty<UserSummary> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public State getState() {
    return state.get();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public String getMessage() {
    return message.get();
  }

  public ReadOnlyBooleanProperty hasMoreProperty() {
    return hasMore.getReadOnlyProperty();
  }

  public boolean isHasMore() {
    return hasMore.get();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public boolean isBusy() {
    return busy.get();
  }

  /** Whether "Export results…" is offered: the login may, and there are results. */
  public ReadOnlyBooleanProperty exportAllowedProperty() {
    return exports.searchResultsProperty();
  }

  public boolean isExportAllowed() {
    return exports.isSearchResults();
  }

  /** Whether "Export results…" can run now: a search has results. */
  public ReadOnlyBooleanProperty canExportProperty() {
    return canExport.getReadOnlyProperty();
  }

  public boolean isCanExport() {
    return canExport.get();
  }
}
