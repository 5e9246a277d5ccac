package creditdesk.ui.search;

import creditdesk.domain.BalanceReading;
import creditdesk.service.search.UserSummary;
import creditdesk.ui.Formats;
import creditdesk.ui.StyleClasses;
import java.util.Objects;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;

/** The search screen's controller: binds the field and the table to {@link SearchViewModel}. */
public final class SearchView {
  private final SearchViewModel viewModel;

  @FXML private TextField query;
  @FXML private TableView<UserSummary> results;
  @FXML private TableColumn<UserSummary, String> emailColumn;
  @FXML private TableColumn<UserSummary, String> nameColumn;
  @FXML private TableColumn<UserSummary, String> levelColumn;
  @FXML private TableColumn<UserSummary, String> statusColumn;
  @FXML private TableColumn<UserSummary, String> planColumn;
  @FXML private TableColumn<UserSummary, BalanceReading> creditsColumn;
  @FXML private TableColumn<UserSummary, BalanceReading> chatColumn;
  @FXML private VBox idleState;
  @FXML private VBox noResultsState;
  @FXML private VBox errorState;

  public SearchView(SearchViewModel viewModel) {
    this.viewModel = Objects.requireNonNull(viewModel);
  }

  /** For the FXML's expression bindings. */
  public SearchViewModel getViewModel() {
    return viewModel;
  }

  @FXML
  private void initialize() {
    query.textProperty().bindBidirectional(viewModel.queryProperty());
    results.setItems(viewModel.getResults());
    results.setPlaceholder(new javafx.scene.control.Label("Searching…"));
    results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    text(emailColumn, UserSummary::email);
    text(nameColumn, u -> u.name() == null ? "" : u.name());
    text(levelColumn, u -> Formats.level(u.level()));
    text(statusColumn, u -> Formats.status(u.status()));
    text(planColumn, u -> u.plan().known() ? u.plan().describe() : "");
    balance(creditsColumn, UserSummary::credits);
    balance(chatColumn, UserSummary::chatMessages);

    // The view model's selection (the best match after each search) and the table's, kept equal.
    viewModel
        .selectedProperty()
        .addListener(
            (obs, old, now) -> {
              if (results.getSelectionModel().getSelectedItem() != now) {
                if (now == null) {
                  results.getSelectionModel().clearSelection();
                } else {
                  results.getSelectionModel().select(now);
                  results.scrollTo(now);
                }
              }
            });
    results
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, now) -> viewModel.selectedProperty().set(now));
    results.setRowFactory(
        table -> {
          TableRow<UserSummary> row = new TableRow<>();
          row.setOnMouseClicked(
              e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                  viewModel.openSelected();
                }
              });
          return row;
        });
    results.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            viewModel.openSelected();
          }
        });
    // From the field: Enter opens the selected (best) match, the arrows walk the results.
    query.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            if (viewModel.selectedProperty().get() != null) {
              viewModel.openSelected();
            } else {
              viewModel.searchNow();
            }
          } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP) {
            e.consume();
            move(e.getCode() == KeyCode.DOWN ? 1 : -1);
          }
        });

    viewModel.stateProperty().addListener((obs, old, now) -> showState(now));
    showState(viewModel.getState());
    Platform.runLater(this::focusQuery);
  }

  /** Puts the cursor in the search field with its text selected (Ctrl+K). */
  public void focusQuery() {
    query.requestFocus();
    query.selectAll();
  }

  private void move(int step) {
    int size = results.getItems().size();
    if (size == 0) {
      return;
    }
    int index = results.getSelectionModel().getSelectedIndex() + step;
    index = Math.max(0, Math.min(size - 1, index));
    results.getSelectionModel().select(index);
    results.scrollTo(Math.max(0, index - 3));
  }

  private void showState(SearchViewModel.State state) {
    boolean table =
        state == SearchViewModel.State.RESULTS || state == SearchViewModel.State.SEARCHING;
    results.setVisible(table);
    idleState.setVisible(state == SearchViewModel.State.IDLE);
    noResultsState.setVisible(state == SearchViewModel.State.NO_RESULTS);
    errorState.setVisible(state == SearchViewModel.State.ERROR);
  }

  @FXML
  private void loadMore() {
    viewModel.loadMore();
  }

  @FXML
  private void exportResults() {
    viewModel.exportResults();
  }

  @FXML
  private void retry() {
    viewModel.searchNow();
  }

  private static void text(
      TableColumn<UserSummary, String> column, Function<UserSummary, String> value) {
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
  }

  /** The balance as the web app reads it; a NULL one as its default, marked "not set". */
  private static void balance(
      TableColumn<UserSummary, BalanceReading> column, Function<UserSummary, BalanceReading> value) {
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(BalanceReading item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(StyleClasses.NOT_SET);
                if (empty || item == null || getTableRow() == null || getTableRow().getItem() == null) {
                  setText(null);
                } else {
                  setText(Formats.webAppBalanceShort(item));
                  if (item.unset()) {
                    getStyleClass().add(StyleClasses.NOT_SET);
                  }
                }
              }
            });
  }
}
