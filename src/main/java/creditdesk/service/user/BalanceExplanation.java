package creditdesk.service.user;

import creditdesk.domain.Balance;
import creditdesk.domain.BalanceReading;

/**
 * What the ledger says about one balance, beside what the balance is as the web app reads it. The
 * web app does not log every change (a failed ledger insert after a deduction, unlogged refunds),
 * so the two may disagree; {@link #unexplained()} is the difference, never hidden. A NULL balance
 * counts as the web app's default for it (see docs/shared-database.md).
 *
 * @param reading the balance as stored and as the web app reads it
 * @param startingAllowance the column default today, assumed as the user's starting balance
 */
public record BalanceExplanation(
    BalanceReading reading,
    int startingAllowance,
    long grants,
    long refunds,
    long deductions,
    long rows) {

  public Balance balance() {
    return reading.balance();
  }

  /** The stored balance; null for a legacy account where it was never set. */
  public Integer actual() {
    return reading.stored();
  }

  /** What the web app shows: the stored value, or its default for NULL; null if the column is gone. */
  public Integer webApp() {
    return reading.webApp();
  }

  /** NULL in the database: shown by the web app as its default, never chargeable. */
  public boolean unset() {
    return reading.unset();
  }

  /** starting allowance + grants + refunds − deductions. */
  public long implied() {
    return startingAllowance + grants + refunds - deductions;
  }

  /**
   * The balance as the web app reads it − implied; positive means more than the ledger explains.
   * 0 when the column is missing (there is nothing to compare).
   */
  public long unexplained() {
    Integer shown = webApp();
    return shown == null ? 0 : shown - implied();
  }

  public boolean agrees() {
    return unexplained() == 0;
  }

  /** One sentence or three for people, e.g. "2 credits more than the ledger explains". */
  public String summary() {
    String label = balance().label();
    if (reading.missing()) {
      return "The database has no " + balance().column() + " column; this balance cannot be shown.";
    }
    String never =
        unset()
            ? String.format(
                "Never set: the web app shows %,d %s (its default for an empty balance) but cannot"
                    + " charge them until the balance is initialised. ",
                reading.unsetDefault(), label)
            : "";
    long diff = unexplained();
    String formula =
        String.format(
            "Ledger implies %,d = %,d starting + %,d granted + %,d refunded − %,d deducted.",
            implied(), startingAllowance, grants, refunds, deductions);
    if (diff == 0) {
      return never + "Agrees with the ledger. " + formula;
    }
    return never
        + String.format(
            "%,d %s %s than the ledger explains (unlogged web-app changes or a different starting"
                + " allowance). %s",
            Math.abs(diff), label, diff > 0 ? "more" : "fewer", formula);
  }
}
