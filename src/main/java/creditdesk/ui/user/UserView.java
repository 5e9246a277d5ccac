package creditdesk.ui.user;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.LedgerEntry;
import creditdesk.service.LedgerSource;
import creditdesk.ui.Formats;
import creditdesk.ui.Shortcuts;
import creditdesk.ui.StyleClasses;
import creditdesk.ui.ThemeManager;
import creditdesk.ui.adjust.AdjustmentDialog;
import creditdesk.ui.adjust.AdjustmentViewModel;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The user screen's controller: identity, balance cards, the history table with its filters and
 * details pane, and (for admins only) the adjustment actions, which open {@link AdjustmentDialog}.
 */
public final class UserView {
  /** A filter choice: a value (null for "any") and how the combo box says it. */
  record Choice<T>(T value, String label) {
    @Override
    public String toString() {
      return label;
    }
  }

  private static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");
  private static final String DISAGREES = "disagrees";
  private static final double DETAILS_WIDTH = 320;

  private final UserViewModel viewModel;
  private final HistoryViewModel history;
  private final ThemeManager themes;

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
  @FXML private Label detailRefundedLabel;
  @FXML private Label detailBalanceAfter;
  @FXML private Label detailBalanceAfterLabel;
  @FXML private ComboBox<Choice<OperationType>> operationFilter;
  @FXML private ComboBox<Choice<FeatureType>> featureFilter;
  @FXML private ComboBox<Choice<LedgerSource>> sourceFilter;
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
  @FXML private VBox detailsEmpty;
  @FXML private ScrollPane details;
  @FXML private Label detailTitle;
  @FXML private Label detailLocal;
  @FXML private Label detailUtc;
  @FXML private Label detailSource;
  @FXML private Label detailActor;
  @FXML private Label detailReason;
  @FXML private Label detailTicket;
  @FXML private Label detailRefunded;
  @FXML private Hyperlink showRefunded;
  @FXML private TextField detailId;
  @FXML private TextArea metadata;

  public UserView(UserViewModel viewModel, ThemeManager themes) {
    this.viewModel = Objects.requireNonNull(viewModel);
    this.history = viewModel.getHistory();
    this.themes = Objects.requireNonNull(themes);
  }

  /** For the FXML's expression bindings. */
  public UserViewModel getViewModel() {
    return viewModel;
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
    card(viewModel.getCredits(), creditsCard, creditsActual, creditsDifference, creditsSummary);
    card(viewModel.getChatMessages(), chatCard, chatActual, chatDifference, chatSummary);
    filters();
    table();
    detailsPane();

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

  private void card(
      BalanceCardModel model, VBox card, Label actual, Label difference, Tooltip summary) {
    Tooltip.install(card, summary);
    Runnable style =
        () -> {
          toggle(card, DISAGREES, !model.isAgrees());
          toggle(difference, DISAGREES, !model.isAgrees());
          toggle(actual, StyleClasses.NOT_SET, model.isLegacy());
        };
    model.agreesProperty().addListener((obs, old, now) -> style.run());
    model.legacyProperty().addListener((obs, old, now) -> style.run());
    style.run();
  }

  private void filters() {
    operationFilter.getItems().add(new Choice<>(null, "Any operation"));
    for (OperationType o : viewModel.operationChoices()) {
      operationFilter.getItems().add(new Choice<>(o, Formats.operation(o)));
    }
    featureFilter.getItems().add(new Choice<>(null, "Any feature"));
    for (FeatureType f : viewModel.featureChoices()) {
      featureFilter.getItems().add(new Choice<>(f, Formats.feature(f)));
    }
    sourceFilter.getItems().add(new Choice<>(null, "Any source"));
    for (LedgerSource s : LedgerSource.values()) {
      sourceFilter.getItems().add(new Choice<>(s, s == LedgerSource.WEBAPP ? "Web app" : "creditdesk"));
    }
    link(operationFilter, history.operationProperty());
    link(featureFilter, history.featureProperty());
    link(sourceFilter, history.sourceProperty());
    fromFilter.valueProperty().bindBidirectional(history.fromProperty());
    toFilter.valueProperty().bindBidirectional(history.toProperty());
    fromFilter.setTooltip(new Tooltip("Rows from this day on (UTC days)"));
    toFilter.setTooltip(new Tooltip("Rows up to and including this day (UTC days)"));
  }

  private static <T> void link(ComboBox<Choice<T>> box, ObjectProperty<T> property) {
    Function<T, Choice<T>> choiceFor =
        value ->
            box.getItems().stream()
                .filter(c -> Objects.equals(c.value(), value))
                .findFirst()
                .orElse(box.getItems().get(0));
    box.getSelectionModel().select(choiceFor.apply(property.get()));
    box.valueProperty()
        .addListener(
            (obs, old, now) -> {
              T value = now == null ? null : now.value();
              if (!Objects.equals(property.get(), value)) {
                property.set(value);
              }
            });
    property.addListener(
        (obs, old, now) -> {
          Choice<T> choice = choiceFor.apply(now);
          if (box.getValue() != choice) {
            box.setValue(choice);
          }
        });
  }

  private void table() {
    historyTable.setItems(history.getEntries());
    historyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    historyTable.setPlaceholder(new Label(""));

    timeColumn.setCellValueFactory(
        c -> new ReadOnlyObjectWrapper<>(Formats.localMinute(c.getValue().createdAt(), viewModel.getZone())));
    timeColumn.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                LedgerEntry entry = empty ? null : getTableRow().getItem();
                setText(entry == null ? null : item);
                setTooltip(
                    entry == null
                        ? null
                        : new Tooltip(
                            Formats.localTime(entry.createdAt(), viewModel.getZone())
                                + " local\n"
                                + Formats.utcTime(entry.createdAt())));
              }
            });
    operationColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    operationColumn.setCellFactory(c -> new OperationCell());
    featureColumn.setCellValueFactory(
        c -> new ReadOnlyObjectWrapper<>(Formats.feature(c.getValue().feature())));
    amountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().signedAmount()));
    amountColumn.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(StyleClasses.AMOUNT_IN, StyleClasses.AMOUNT_OUT);
                if (empty || item == null) {
                  setText(null);
                } else {
                  setText(Formats.signed(item));
                  getStyleClass().add(item < 0 ? StyleClasses.AMOUNT_OUT : StyleClasses.AMOUNT_IN);
                }
              }
            });
    balanceAfterColumn.setCellValueFactory(
        c -> new ReadOnlyObjectWrapper<>(c.getValue().balanceAfter()));
    balanceAfterColumn.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(StyleClasses.NOT_SET);
                if (empty) {
                  setText(null);
                  setTooltip(null);
                } else if (item == null) {
                  setText("—");
                  getStyleClass().add(StyleClasses.NOT_SET);
                  setTooltip(new Tooltip("The web app does not record the balance after its rows"));
                } else {
                  setText(Formats.number(item));
                  setTooltip(null);
                }
              }
            });
    sourceColumn.setCellValueFactory(
        c -> new ReadOnlyObjectWrapper<>(Formats.source(c.getValue().source())));
    actorColumn.setCellValueFactory(
        c -> new ReadOnlyObjectWrapper<>(c.getValue().actor() == null ? "" : c.getValue().actor()));
    reasonColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(reasonAndTicket(c.getValue())));

    historyTable.setRowFactory(
        table -> {
          TableRow<LedgerEntry> row =
              new TableRow<>() {
                @Override
                protected void updateItem(LedgerEntry item, boolean empty) {
                  super.updateItem(item, empty);
                  pseudoClassStateChanged(
                      HIGHLIGHTED,
                      !empty && item != null && item.id().equals(history.getHighlighted()));
                  // Infinite scroll: the last loaded row coming into view asks for the next page.
                  if (!empty && getIndex() == history.getEntries().size() - 1 && history.isHasMore()) {
                    Platform.runLater(history::loadMore);
                  }
                }
              };
          return row;
        });
    history.highlightedProperty().addListener((obs, old, now) -> historyTable.refresh());

    // The view model's selection (after an adjustment, or "show the refunded deduction") and
    // the table's, kept equal.
    history
        .selectedProperty()
        .addListener(
            (obs, old, now) -> {
              if (historyTable.getSelectionModel().getSelectedItem() != now) {
                if (now == null) {
                  historyTable.getSelectionModel().clearSelection();
                } else {
                  historyTable.getSelectionModel().select(now);
                  int index = historyTable.getItems().indexOf(now);
                  historyTable.scrollTo(Math.max(0, index - 2));
                }
              }
            });
    historyTable
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, now) -> history.selectedProperty().set(now));
  }

  private static String reasonAndTicket(LedgerEntry e) {
    String reason = e.reason() == null ? "" : e.reason();
    if (e.ticket() == null) {
      return reason;
    }
    return reason.isEmpty() ? e.ticket() : reason + " · " + e.ticket();
  }

  /** Operation, with a link from a refund to its deduction and what was refunded of a deduction. */
  private final class OperationCell extends TableCell<LedgerEntry, LedgerEntry> {
    @Override
    protected void updateItem(LedgerEntry item, boolean empty) {
      super.updateItem(item, empty);
      setText(null);
      if (empty || item == null) {
        setGraphic(null);
        return;
      }
      Label operation = new Label(Formats.operation(item.operation()));
      HBox box = new HBox(4, operation);
      box.setAlignment(Pos.CENTER_LEFT);
      if (item.refundOf() != null) {
        Hyperlink link = new Hyperlink();
        link.setGraphic(new FontIcon("fth-corner-up-left"));
        link.getStyleClass().add("refund-link");
        link.setTooltip(new Tooltip("Select the deduction this refunds (" + item.refundOf() + ")"));
        link.setOnAction(e -> history.selectRefunded(item));
        box.getChildren().add(link);
      } else if (item.operation() == OperationType.DEDUCT && item.refunded() > 0) {
        Label note =
            new Label(item.refundable() == 0 ? "refunded" : item.refunded() + " refunded");
        note.getStyleClass().add("refunded-note");
        box.getChildren().add(note);
      }
      setGraphic(box);
    }
  }

  private void detailsPane() {
    Runnable show =
        () -> {
          LedgerEntry e = history.getSelected();
          details.setVisible(e != null);
          detailsEmpty.setVisible(e == null);
          if (e == null) {
            return;
          }
          detailTitle.setText(
              Formats.operation(e.operation())
                  + " "
                  + Formats.signed(e.signedAmount())
                  + " · "
                  + Formats.feature(e.feature()));
          detailLocal.setText(Formats.localTime(e.createdAt(), viewModel.getZone()));
          detailUtc.setText(Formats.utcTime(e.createdAt()));
          detailSource.setText(Formats.source(e.source()));
          boolean after = e.balanceAfter() != null;
          detailBalanceAfter.setText(after ? Formats.number(e.balanceAfter()) : "");
          for (Node n : new Node[] {detailBalanceAfter, detailBalanceAfterLabel}) {
            n.setVisible(after);
            n.setManaged(after);
          }
          detailActor.setText(orDash(e.actor()));
          detailReason.setText(orDash(e.reason()));
          detailTicket.setText(orDash(e.ticket()));
          boolean deduction = e.operation() == OperationType.DEDUCT;
          detailRefunded.setText(
              deduction ? e.refunded() + " of " + e.amount() + " (" + e.refundable() + " left)" : "");
          for (Node n : new Node[] {detailRefunded, detailRefundedLabel}) {
            n.setVisible(deduction);
            n.setManaged(deduction);
          }
          showRefunded.setVisible(e.refundOf() != null);
          showRefunded.setManaged(e.refundOf() != null);
          detailId.setText(e.id().toString());
          metadata.setText(e.metadataJson().isEmpty() ? "(no metadata)" : e.metadataJson());
        };
    history.selectedProperty().addListener((obs, old, now) -> show.run());
    show.run();
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }

  private static void toggle(Node node, String styleClass, boolean on) {
    node.getStyleClass().remove(styleClass);
    if (on) {
      node.getStyleClass().add(styleClass);
    }
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
