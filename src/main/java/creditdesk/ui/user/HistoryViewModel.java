package creditdesk.ui.user;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.ledger.HistoryPage;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.ui.BackgroundTask;
import creditdesk.ui.Errors;
import creditdesk.ui.TaskExecutor;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One user's ledger, newest first, a page at a time by key (never by offset), narrowed by the
 * filters. A filter change reloads from the top; responses to superseded loads are dropped.
 */
public final class HistoryViewModel {
  /** How many pages "show the refunded deduction" may load to find it. */
  static final int MAX_PAGES_TO_FIND = 50;

  private final UUID userId;
  private final HistoryService history;
  private final TaskExecutor tasks;
  private final int pageSize;

  private final ObservableList<LedgerEntry> entries = FXCollections.observableArrayList();
  private final ObservableList<LedgerEntry> readOnlyEntries =
      FXCollections.unmodifiableObservableList(entries);
  private final ObjectProperty<LedgerEntry> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyObjectWrapper<UUID> highlighted = new ReadOnlyObjectWrapper<>(this, "highlighted");
  private final ObjectProperty<OperationType> operation = new SimpleObjectProperty<>(this, "operation");
  private final ObjectProperty<FeatureType> feature = new SimpleObjectProperty<>(this, "feature");
  private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
  private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");
  private final ObjectProperty<LedgerSource> source = new SimpleObjectProperty<>(this, "source");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
  private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
  private final ReadOnlyBooleanWrapper filtered = new ReadOnlyBooleanWrapper(this, "filtered");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

  private HistoryPage.Cursor next;
  private long generation;
  private BackgroundTask<HistoryPage> running;
  /** A row to select once it is loaded (a refund's deduction), with the pages left to look. */
  private UUID seeking;
  private int seekPagesLeft;
  private boolean clearing;

  public HistoryViewModel(UUID userId, HistoryService history, TaskExecutor tasks, int pageSize) {
    this.userId = Objects.requireNonNull(userId);
    this.history = Objects.requireNonNull(history);
    this.tasks = Objects.requireNonNull(tasks);
    this.pageSize = pageSize;
    for (ObjectProperty<?> f : List.of(operation, feature, from, to, source)) {
      f.addListener(
          (obs, old, now) -> {
            if (!clearing) {
              reload();
            }
          });
    }
  }

  /** Loads the newest page again (after a filter change). */
  public void reload() {
    reload(null);
  }

  /** Loads the newest page again and selects and highlights {@code newRow} if it is there. */
  public void reload(UUID newRow) {
    load(newRow, null);
  }

  /** Loads the newest page; then highlights {@code newRow}, or looks for {@code seek} page by page. */
  private void load(UUID newRow, UUID seek) {
    HistoryFilter filter;
    try {
      filter = filter();
    } catch (RuntimeException e) {
      cancelRunning();
      generation++;
      entries.clear();
      next = null;
      hasMore.set(false);
      error.set(Errors.explain(e));
      message.set("");
      return;
    }
    cancelRunning();
    long mine = ++generation;
    seeking = null;
    highlighted.set(newRow);
    running =
        tasks.execute(
            BackgroundTask.wrap(() -> history.page(userId, filter, null, pageSize))
                .onRunning(() -> started())
                .onSuccess(
                    page -> {
                      if (mine == generation) {
                        entries.setAll(page.entries());
                        accept(page);
                        if (newRow != null) {
                          find(newRow).ifPresent(selected::set);
                        } else {
                          selected.set(null);
                        }
                      }
                    })
                .onFailure(e -> failed(mine, e))
                .onFinished(
                    () -> {
                      finished(mine);
                      if (mine == generation && seek != null) {
                        seeking = seek;
                        seekPagesLeft = MAX_PAGES_TO_FIND;
                        continueSeeking();
                      }
                    }));
  }

  /** Appends the next (older) page; nothing when everything is loaded or a load runs. */
  public void loadMore() {
    if (next == null || loading.get()) {
      return;
    }
    HistoryFilter filter = filter();
    HistoryPage.Cursor after = next;
    long mine = generation;
    running =
        tasks.execute(
            BackgroundTask.wrap(() -> history.page(userId, filter, after, pageSize))
                .onRunning(() -> started())
                .onSuccess(
                    page -> {
                      if (mine == generation) {
                        entries.addAll(page.entries());
                        accept(page);
                      }
                    })
                .onFailure(e -> failed(mine, e))
                .onFinished(
                    () -> {
                      finished(mine);
                      if (mine == generation) {
                        continueSeeking();
                      }
                    }));
  }

  /**
   * Selects the deduction {@code refund} gives back, loading older pages until it is found; if
   * filters could hide it, they are cleared first.
   */
  public void selectRefunded(LedgerEntry refund) {
    if (refund == null || refund.refundOf() == null) {
      return;
    }
    Optional<LedgerEntry> loaded = find(refund.refundOf());
    if (loaded.isPresent()) {
      selected.set(loaded.get());
      return;
    }
    if (filtered.get()) {
      clearFiltersQuietly();
      load(null, refund.refundOf());
      return;
    }
    seeking = refund.refundOf();
    seekPagesLeft = MAX_PAGES_TO_FIND;
    continueSeeking();
  }

  private void continueSeeking() {
    if (seeking == null) {
      return;
    }
    Optional<LedgerEntry> found = find(seeking);
    if (found.isPresent()) {
      seeking = null;
      selected.set(found.get());
    } else if (next != null && seekPagesLeft-- > 0) {
      loadMore();
    } else {
      seeking = null;
      message.set("The refunded deduction was not found in this user's history.");
    }
  }

  /** Clears every filter (one reload). */
  public void clearFilters() {
    clearFiltersQuietly();
    reload();
  }

  private void clearFiltersQuietly() {
    clearing = true;
    try {
      operation.set(null);
      feature.set(null);
      from.set(null);
      to.set(null);
      source.set(null);
    } finally {
      clearing = false;
    }
    filter();
  }

  private Optional<LedgerEntry> find(UUID id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /**
   * The filters as they stand, for an export of what the table shows.
   *
   * @throws creditdesk.service.common.ValidationException when the days are the wrong way round
   */
  public HistoryFilter currentFilter() {
    return new HistoryFilter(operation.get(), feature.get(), from.get(), to.get(), source.get());
  }

  private HistoryFilter filter() {
    HistoryFilter f =
        new HistoryFilter(operation.get(), feature.get(), from.get(), to.get(), source.get());
    filtered.set(!f.equals(HistoryFilter.NONE));
    return f;
  }

  private void started() {
    loading.set(true);
    error.set("");
  }

  private void accept(HistoryPage page) {
    next = page.next();
    hasMore.set(page.hasMore());
    int n = entries.size();
    if (n == 0) {
      message.set(filtered.get() ? "No ledger rows match the filters." : "This user has no ledger rows.");
    } else {
      message.set(
          (n == 1 ? "1 row" : String.format("%,d rows", n))
              + (page.hasMore() ? " loaded, older rows below" : ""));
    }
  }

  private void failed(long mine, Exception e) {
    if (mine == generation) {
      seeking = null;
      error.set(Errors.explain(e));
    }
  }

  private void finished(long mine) {
    if (mine == generation) {
      loading.set(false);
      running = null;
    }
  }

  private void cancelRunning() {
    if (running != null) {
      running.cancel();
      running = null;
    }
    loading.set(false);
  }

  public ObservableList<LedgerEntry> getEntries() {
    return readOnlyEntries;
  }

  public ObjectProperty<LedgerEntry> selectedProperty() {
    return selected;
  }

  public LedgerEntry getSelected() {
    return selected.get();
  }

  public ReadOnlyObjectProperty<UUID> highlightedProperty() {
    return highlighted.getReadOnlyProperty();
  }

  public UUID getHighlighted() {
    return highlighted.get();
  }

  public ObjectProperty<OperationType> operationProperty() {
    return operation;
  }

  public ObjectProperty<FeatureType> featureProperty() {
    return feature;
  }

  public ObjectProperty<LocalDate> fromProperty() {
    return from;
  }

  public ObjectProperty<LocalDate> toProperty() {
    return to;
  }

  public ObjectProperty<LedgerSource> sourceProperty() {
    return source;
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public boolean isLoading() {
    return loading.get();
  }

  public ReadOnlyBooleanProperty hasMoreProperty() {
    return hasMore.getReadOnlyProperty();
  }

  public boolean isHasMore() {
    return hasMore.get();
  }

  public ReadOnlyBooleanProperty filteredProperty() {
    return filtered.getReadOnlyProperty();
  }

  public boolean isFiltered() {
    return filtered.get();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public String getMessage() {
    return message.get();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public String getError() {
    return error.get();
  }
}
