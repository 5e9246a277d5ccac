package creditdesk.ui.user;

import creditdesk.service.ledger.LedgerEntry;
import creditdesk.ui.Formats;
import creditdesk.ui.StyleClasses;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** The balance after a row, or a marked dash for web-app rows, which do not record it. */
final class BalanceAfterCell extends TableCell<LedgerEntry, Integer> {
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
}
