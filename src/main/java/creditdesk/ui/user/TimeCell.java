package creditdesk.ui.user;

import creditdesk.service.ledger.LedgerEntry;
import creditdesk.ui.Formats;
import java.time.ZoneId;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** The history's time: local to the minute, with the local and UTC seconds in a tooltip. */
final class TimeCell extends TableCell<LedgerEntry, String> {
  private final ZoneId zone;

  TimeCell(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  protected void updateItem(String item, boolean empty) {
    super.updateItem(item, empty);
    LedgerEntry entry = empty ? null : getTableRow().getItem();
    setText(entry == null ? null : item);
    setTooltip(
        entry == null
            ? null
            : new Tooltip(
                Formats.localTime(entry.createdAt(), zone)
                    + " local\n"
                    + Formats.utcTime(entry.createdAt())));
  }
}
