package creditdesk.ui.user;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.ui.Formats;
import creditdesk.ui.Shortcuts;
import creditdesk.ui.ThemeManager;
import creditdesk.ui.adjust.AdjustmentDialog;
import creditdesk.ui.adjust.AdjustmentViewModel;
import java.util.Map;
import java.util.Objects;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The user screen's controller: identity, balance cards, the history table with its filters and
 * details pane, and (for admins only) the adjustment actions, which open {@link AdjustmentDialog}.
 */
public final class UserView {
  private static final double DETAILS_WIDTH = 320;

  private final UserViewModel viewModel;
  private final HistoryViewModel history;
  private final ThemeManager themes;
  private final EntryDetailsViewModel detailsModel;

  @FXML private BorderPane userRoot;
  @FXML private HBox actions;
  @FXML private HBox noticeBar;
  @FXML private Label error;
  @FXML private VBox creditsCard;
  @FXML private VBox chatCard;
  @FXML private Label creditsActual;
  @FXML private Label chatActual;
  @FXML private Label creditsDifference;
  @FXML private Label chatDifference;
  @FXML private Tooltip creditsSummary;
  @FXML private Tooltip chatSummary;
  @FXML private SplitPane historySplit;
  @FXML private StackPane detailsPane;
  @FXML private ComboBox<HistoryFilters.Choice<OperationType>> operationFilter;
  @FXML private ComboBox<HistoryFilters.Choice<FeatureType>> featureFilter;
  @FXML private ComboBox<HistoryFilters.Choice<LedgerSource>> sourceFilter;
  @FXML private DatePicker fromFilter;
  @FXML private DatePicker toFilter;
  @FXML private TableView<LedgerEntry> historyTable;
  @FXML private TableColumn<LedgerEntry, String> timeColumn;
  @FXML private TableColumn<LedgerEntry, LedgerEntry> operationColumn;
  @FXML private TableColumn<LedgerEntry, String> featureColumn;
  @FXML private TableColumn<LedgerEntry, Integer> amountColumn;
  @FXML private TableColumn<LedgerEntry, Integer> balanceAfterColumn;
  @FXML private TableColumn<LedgerEntry, String> sourceColumn;
  @FXML private TableColumn<LedgerEntry, String> actorColumn;
  @FXML private TableColumn<LedgerEntry, String> reasonColumn;

  public UserView(UserViewModel viewModel, ThemeManager themes) {
    this.viewModel = Objects.requireNonNull(viewModel);
    this.history = viewModel.getHistory();
    this.themes = Objects.requireNonNull(themes);
    this.detailsModel = new EntryDetailsViewModel(viewModel.getZone());
  }

  /** For the FXML's expression bindings. */
  public UserViewModel getViewModel() {
    return viewModel;
  }

  /** For the details pane's bindings. */
  public EntryDetailsViewModel getDetails() {
    return detailsModel;
  }

  @FXML
  private void initialize() {
    if (!viewModel.canAdjust()) {
      // Not offered at all, rather than shown disabled: this role cannot change balances.
      ((Pane) actions.getParent()).getChildren().remove(actions);
    }
    noticeBar.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
    noticeBar.managedProperty().bind(noticeBar.visibleProperty());
    error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    BalanceCardStyle.bind(viewModel.getCredits(), creditsCard, creditsActual, creditsDifference, creditsSummary);
    BalanceCardStyle.bind(viewModel.getChatMessages(), chatCard, chatActual, chatDifference, chatSummary);
    filters();
    HistoryTable.bind(
        historyTable,
        new HistoryTable.Columns(
            timeColumn,
            operationColumn,
            featureColumn,
            amountColumn,
            balanceAfterColumn,
            sourceColumn,
            actorColumn,
            reasonColumn),
        history,
        viewModel.getZone());
    history.selectedProperty().addListener((obs, old, now) -> detailsModel.show(now));
    detailsModel.show(history.getSelected());

    Map<KeyCombination, Runnable> keys = new java.util.HashMap<>();
    keys.put(KeyCombination.keyCombination("Esc"), viewModel::back);
    if (viewModel.canAdjust()) {
      keys.put(KeyCombination.keyCombination("Shortcut+G"), this::grant);
      keys.put(KeyCombination.keyCombination("Shortcut+R"), this::refund);
    }
    Shortcuts.whileShown(userRoot, keys);
    // The details pane keeps its width when the window grows; the table takes the rest.
    SplitPane.setResizableWithParent(detailsPane, false);
    historySplit
        .widthProperty()
        .addListener(
            (obs, old, now) -> {
              if (old.doubleValue() == 0 && now.doubleValue() > 0) {
                historySplit.setDividerPositions(1 - DETAILS_WIDTH / now.doubleValue());
              }
            });
    // Keys go to the history from the start (not to the first button, where Enter would act).
    Platform.runLater(historyTable::requestFocus);
  }

  private void filters() {
    operationFilter.getItems().add(new HistoryFilters.Choice<>(null, "Any operation"));
    for (OperationType o : viewModel.operationChoices()) {
      operationFilter.getItems().add(new HistoryFilters.Choice<>(o, Formats.operation(o)));
    }
    featureFilter.getItems().add(new HistoryFilters.Choice<>(null, "Any feature"));
    for (FeatureType f : viewModel.featureChoices()) {
      featureFilter.getItems().add(new HistoryFilters.Choice<>(f, Formats.feature(f)));
    }
    sourceFilter.getItems().add(new HistoryFilters.Choice<>(null, "Any source"));
    for (LedgerSource s : LedgerSource.values()) {
      sourceFilter.getItems().add(new HistoryFilters.Choice<>(s, s == LedgerSource.WEBAPP ? "Web app" : "creditdesk"));
    }
    HistoryFilters.link(operationFilter, history.operationProperty());
    HistoryFilters.link(featureFilter, history.featureProperty());
    HistoryFilters.link(sourceFilter, history.sourceProperty());
    fromFilter.valueProperty().bindBidirectional(history.fromProperty());
    toFilter.valueProperty().bindBidirectional(history.toProperty());
    fromFilter.setTooltip(new Tooltip("Rows from this day on (UTC days)"));
    toFilter.setTooltip(new Tooltip("Rows up to and including this day (UTC days)"));
  }

  @FXML
  private void initialise() {
    viewModel.initialise();
  }

  /** Opens an adjustment dialog; after it applies, the screen shows the new balances and row. */
  private void open(AdjustmentViewModel adjustment) {
    if (adjustment == null) {
      return;
    }
    AdjustmentDialog dialog =
        new AdjustmentDialog(adjustment, userRoot.getScene().getWindow(), themes, viewModel.getZone());
    dialog
        .resultProperty()
        .addListener(
            (obs, old, result) -> {
              if (result != null) {
                viewModel.adjusted(result);
              }
            });
    dialog.show();
  }

  @FXML
  private void grant() {
    open(viewModel.grant());
  }

  @FXML
  private void refund() {
    open(viewModel.refund());
  }

  @FXML
  private void correct() {
    open(viewModel.correct());
  }

  @FXML
  private void back() {
    viewModel.back();
  }

  @FXML
  private void reload() {
    viewModel.refresh();
    history.reload();
  }

  @FXML
  private void dismissNotice() {
    viewModel.dismissNotice();
  }

  @FXML
  private void copyId() {
    ClipboardContent content = new ClipboardContent();
    content.putString(viewModel.getId());
    Clipboard.getSystemClipboard().setContent(content);
  }

  @FXML
  private void clearFilters() {
    history.clearFilters();
  }

  @FXML
  private void exportHistory() {
    viewModel.exportHistory();
  }

  @FXML
  private void loadMoreHistory() {
    history.loadMore();
  }

  @FXML
  private void showRefunded() {
    history.selectRefunded(history.getSelected());
  }
}
