package creditdesk.ui.user;

import creditdesk.domain.OperationType;
import creditdesk.service.ledger.LedgerEntry;
import creditdesk.ui.Formats;
import java.time.ZoneId;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The history's details pane: the selected ledger row turned into the strings the pane shows, and
 * which of its optional lines apply. The FXML binds to these; nothing here knows a control.
 */
public final class EntryDetailsViewModel {
  private final ZoneId zone;
  private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown");
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
  private final ReadOnlyStringWrapper id = new ReadOnlyStringWrapper(this, "id", "");
  private final ReadOnlyStringWrapper local = new ReadOnlyStringWrapper(this, "local", "");
  private final ReadOnlyStringWrapper utc = new ReadOnlyStringWrapper(this, "utc", "");
  private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
  private final ReadOnlyStringWrapper actor = new ReadOnlyStringWrapper(this, "actor", "");
  private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper(this, "reason", "");
  private final ReadOnlyStringWrapper ticket = new ReadOnlyStringWrapper(this, "ticket", "");
  private final ReadOnlyStringWrapper refunded = new ReadOnlyStringWrapper(this, "refunded", "");
  private final ReadOnlyBooleanWrapper refundedShown = new ReadOnlyBooleanWrapper(this, "refundedShown");
  private final ReadOnlyStringWrapper balanceAfter = new ReadOnlyStringWrapper(this, "balanceAfter", "");
  private final ReadOnlyBooleanWrapper balanceAfterShown =
      new ReadOnlyBooleanWrapper(this, "balanceAfterShown");
  private final ReadOnlyBooleanWrapper refundLinkShown =
      new ReadOnlyBooleanWrapper(this, "refundLinkShown");
  private final ReadOnlyStringWrapper metadata = new ReadOnlyStringWrapper(this, "metadata", "");

  public EntryDetailsViewModel(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone);
  }

  /** Shows {@code e}, or the empty state for null. */
  public void show(LedgerEntry e) {
    shown.set(e != null);
    if (e == null) {
      return;
    }
    title.set(
        Formats.operation(e.operation())
            + " "
            + Formats.signed(e.signedAmount())
            + " · "
            + Formats.feature(e.feature()));
    id.set(e.id().toString());
    local.set(Formats.localTime(e.createdAt(), zone));
    utc.set(Formats.utcTime(e.createdAt()));
    source.set(Formats.source(e.source()));
    actor.set(orDash(e.actor()));
    reason.set(orDash(e.reason()));
    ticket.set(orDash(e.ticket()));
    boolean deduction = e.operation() == OperationType.DEDUCT;
    refunded.set(
        deduction ? e.refunded() + " of " + e.amount() + " (" + e.refundable() + " left)" : "");
    refundedShown.set(deduction);
    boolean after = e.balanceAfter() != null;
    balanceAfter.set(after ? Formats.number(e.balanceAfter()) : "");
    balanceAfterShown.set(after);
    refundLinkShown.set(e.refundOf() != null);
    metadata.set(e.metadataJson().isEmpty() ? "(no metadata)" : e.metadataJson());
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }

  public ReadOnlyBooleanProperty shownProperty() {
    return shown.getReadOnlyProperty();
  }

  public boolean isShown() {
    return shown.get();
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public String getTitle() {
    return title.get();
  }

  public ReadOnlyStringProperty idProperty() {
    return id.getReadOnlyProperty();
  }

  public String getId() {
    return id.get();
  }

  public ReadOnlyStringProperty localProperty() {
    return local.getReadOnlyProperty();
  }

  public String getLocal() {
    return local.get();
  }

  public ReadOnlyStringProperty utcProperty() {
    return utc.getReadOnlyProperty();
  }

  public String getUtc() {
    return utc.get();
  }

  public ReadOnlyStringProperty sourceProperty() {
    return source.getReadOnlyProperty();
  }

  public String getSource() {
    return source.get();
  }

  public ReadOnlyStringProperty actorProperty() {
    return actor.getReadOnlyProperty();
  }

  public String getActor() {
    return actor.get();
  }

  public ReadOnlyStringProperty reasonProperty() {
    return reason.getReadOnlyProperty();
  }

  public String getReason() {
    return reason.get();
  }

  public ReadOnlyStringProperty ticketProperty() {
    return ticket.getReadOnlyProperty();
  }

  public String getTicket() {
    return ticket.get();
  }

  public ReadOnlyStringProperty refundedProperty() {
    return refunded.getReadOnlyProperty();
  }

  public String getRefunded() {
    return refunded.get();
  }

  public ReadOnlyBooleanProperty refundedShownProperty() {
    return refundedShown.getReadOnlyProperty();
  }

  public boolean isRefundedShown() {
    return refundedShown.get();
  }

  public ReadOnlyStringProperty balanceAfterProperty() {
    return balanceAfter.getReadOnlyProperty();
  }

  public String getBalanceAfter() {
    return balanceAfter.get();
  }

  public ReadOnlyBooleanProperty balanceAfterShownProperty() {
    return balanceAfterShown.getReadOnlyProperty();
  }

  public boolean isBalanceAfterShown() {
    return balanceAfterShown.get();
  }

  public ReadOnlyBooleanProperty refundLinkShownProperty() {
    return refundLinkShown.getReadOnlyProperty();
  }

  public boolean isRefundLinkShown() {
    return refundLinkShown.get();
  }

  public ReadOnlyStringProperty metadataProperty() {
    return metadata.getReadOnlyProperty();
  }

  public String getMetadata() {
    return metadata.get();
  }
}
