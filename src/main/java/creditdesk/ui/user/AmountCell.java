package creditdesk.ui.user;

import creditdesk.service.ledger.LedgerEntry;
import creditdesk.ui.Formats;
import creditdesk.ui.StyleClasses;
import javafx.scene.control.TableCell;

/** A signed amount, coloured by direction. */
final class AmountCell extends TableCell<LedgerEntry, Integer> {
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
}
