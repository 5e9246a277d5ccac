package creditdesk.ui.user;

import creditdesk.domain.Balance;
import creditdesk.service.user.BalanceExplanation;
import creditdesk.ui.Formats;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One balance as its card shows it: the value as the web app reads it (its default, marked, when
 * the balance was never set), what the ledger implies beside it, and the difference in words when
 * the two disagree.
 */
public final class BalanceCardModel {
  private final Balance balance;
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
  private final ReadOnlyStringWrapper actual = new ReadOnlyStringWrapper(this, "actual", "…");
  private final ReadOnlyStringWrapper implied = new ReadOnlyStringWrapper(this, "implied", "");
  private final ReadOnlyStringWrapper difference = new ReadOnlyStringWrapper(this, "difference", "");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final ReadOnlyStringWrapper formula = new ReadOnlyStringWrapper(this, "formula", "");
  private final ReadOnlyBooleanWrapper agrees = new ReadOnlyBooleanWrapper(this, "agrees", true);
  private final ReadOnlyBooleanWrapper legacy = new ReadOnlyBooleanWrapper(this, "legacy");

  BalanceCardModel(Balance balance) {
    this.balance = balance;
    String name = Formats.balanceName(balance);
    title.set(name.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + name.substring(1));
  }

  void show(BalanceExplanation explanation) {
    legacy.set(explanation.unset());
    actual.set(Formats.webAppBalance(explanation.reading()));
    if (explanation.reading().missing()) {
      implied.set("");
      agrees.set(true);
      difference.set("The database has no " + explanation.balance().column() + " column");
      summary.set(explanation.summary());
      formula.set("");
      return;
    }
    implied.set("Ledger implies " + Formats.number(explanation.implied()));
    agrees.set(explanation.agrees());
    long diff = explanation.unexplained();
    difference.set(
        diff == 0
            ? "Agrees with the ledger"
            : Formats.amountOf(Math.abs(diff), balance)
                + (diff > 0 ? " more" : " fewer")
                + " than the ledger explains");
    summary.set(explanation.summary());
    formula.set(
        (explanation.unset()
                ? "Never set: the web app counts its default of "
                    + Formats.number(explanation.reading().unsetDefault())
                    + " and cannot charge it. "
                : "")
            + (diff == 0 ? "" : "Unlogged web-app changes or a different starting allowance. ")
            + String.format(
                "%s starting + %s granted + %s refunded − %s deducted.",
                Formats.number(explanation.startingAllowance()),
                Formats.number(explanation.grants()),
                Formats.number(explanation.refunds()),
                Formats.number(explanation.deductions())));
  }

  public Balance getBalance() {
    return balance;
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public String getTitle() {
    return title.get();
  }

  public ReadOnlyStringProperty actualProperty() {
    return actual.getReadOnlyProperty();
  }

  public String getActual() {
    return actual.get();
  }

  public ReadOnlyStringProperty impliedProperty() {
    return implied.getReadOnlyProperty();
  }

  public String getImplied() {
    return implied.get();
  }

  public ReadOnlyStringProperty differenceProperty() {
    return difference.getReadOnlyProperty();
  }

  public String getDifference() {
    return difference.get();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public String getSummary() {
    return summary.get();
  }

  /** How the ledger arrives at its number, and what may explain a difference. */
  public ReadOnlyStringProperty formulaProperty() {
    return formula.getReadOnlyProperty();
  }

  public String getFormula() {
    return formula.get();
  }

  public ReadOnlyBooleanProperty agreesProperty() {
    return agrees.getReadOnlyProperty();
  }

  public boolean isAgrees() {
    return agrees.get();
  }

  /** The balance is NULL: the web app shows its default and cannot charge it. */
  public ReadOnlyBooleanProperty legacyProperty() {
    return legacy.getReadOnlyProperty();
  }

  public boolean isLegacy() {
    return legacy.get();
  }
}
