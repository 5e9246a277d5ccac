package creditdesk.ui.user;

import creditdesk.domain.OperationType;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.ui.Formats;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Operation, with a link from a refund to its deduction and what was refunded of a deduction. */
final class OperationCell extends TableCell<LedgerEntry, LedgerEntry> {
  private final Consumer<LedgerEntry> selectRefunded;

  OperationCell(Consumer<LedgerEntry> selectRefunded) {
    this.selectRefunded = selectRefunded;
  }

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
      link.setOnAction(e -> selectRefunded.accept(item));
      box.getChildren().add(link);
    } else if (item.operation() == OperationType.DEDUCT && item.refunded() > 0) {
      Label note = new Label(item.refundable() == 0 ? "refunded" : item.refunded() + " refunded");
      note.getStyleClass().add("refunded-note");
      box.getChildren().add(note);
    }
    setGraphic(box);
  }
}
