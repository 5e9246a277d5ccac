package creditdesk.ui.user;

import creditdesk.service.ledger.LedgerEntry;
import creditdesk.ui.Formats;
import java.time.ZoneId;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * The user screen's history table: its columns' values and cells, the highlighted row, infinite
 * scroll, and the table's selection kept equal to the view model's.
 */
final class HistoryTable {
  private static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");

  /** The table and its columns, as the FXML declares them. */
  record Columns(
      TableColumn<LedgerEntry, String> time,
      TableColumn<LedgerEntry, LedgerEntry> operation,
      TableColumn<LedgerEntry, String> feature,
      TableColumn<LedgerEntry, Integer> amount,
      TableColumn<LedgerEntry, Integer> balanceAfter,
      TableColumn<LedgerEntry, String> source,
      TableColumn<LedgerEntry, String> actor,
      TableColumn<LedgerEntry, String> reason) {}

  private HistoryTable() {}

  static void bind(TableView<LedgerEntry> table, Columns c, HistoryViewModel history, ZoneId zone) {
    table.setItems(history.getEntries());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label(""));

    c.time().setCellValueFactory(
        r -> new ReadOnlyObjectWrapper<>(Formats.localMinute(r.getValue().createdAt(), zone)));
    c.time().setCellFactory(col -> new TimeCell(zone));
    c.operation().setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue()));
    c.operation().setCellFactory(col -> new OperationCell(history::selectRefunded));
    c.feature().setCellValueFactory(
        r -> new ReadOnlyObjectWrapper<>(Formats.feature(r.getValue().feature())));
    c.amount().setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().signedAmount()));
    c.amount().setCellFactory(col -> new AmountCell());
    c.balanceAfter().setCellValueFactory(
        r -> new ReadOnlyObjectWrapper<>(r.getValue().balanceAfter()));
    c.balanceAfter().setCellFactory(col -> new BalanceAfterCell());
    c.source().setCellValueFactory(
        r -> new ReadOnlyObjectWrapper<>(Formats.source(r.getValue().source())));
    c.actor().setCellValueFactory(
        r -> new ReadOnlyObjectWrapper<>(r.getValue().actor() == null ? "" : r.getValue().actor()));
    c.reason().setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(reasonAndTicket(r.getValue())));

    table.setRowFactory(
        t ->
            new TableRow<>() {
              @Override
              protected void updateItem(LedgerEntry item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(
                    HIGHLIGHTED, !empty && item != null && item.id().equals(history.getHighlighted()));
                // Infinite scroll: the last loaded row coming into view asks for the next page.
                if (!empty && getIndex() == history.getEntries().size() - 1 && history.isHasMore()) {
                  Platform.runLater(history::loadMore);
                }
              }
            });
    history.highlightedProperty().addListener((obs, old, now) -> table.refresh());

    // The view model's selection (after an adjustment, or "show the refunded deduction") and
    // the table's, kept equal.
    history
        .selectedProperty()
        .addListener(
            (obs, old, now) -> {
              if (table.getSelectionModel().getSelectedItem() != now) {
                if (now == null) {
                  table.getSelectionModel().clearSelection();
                } else {
                  table.getSelectionModel().select(now);
                  int index = table.getItems().indexOf(now);
                  table.scrollTo(Math.max(0, index - 2));
                }
              }
            });
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((obs, old, now) -> history.selectedProperty().set(now));
  }

  static String reasonAndTicket(LedgerEntry e) {
    String reason = e.reason() == null ? "" : e.reason();
    if (e.ticket() == null) {
      return reason;
    }
    return reason.isEmpty() ? e.ticket() : reason + " · " + e.ticket();
  }
}
