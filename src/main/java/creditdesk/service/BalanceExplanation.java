package creditdesk.service;

import creditdesk.domain.Balance;

/**
 * What the ledger says about one balance, beside what the balance is. The web app does not log
 * every change (a failed ledger insert after a deduction, unlogged refunds), so the two may
 * disagree; {@link #unexplained()} is the difference, never hidden.
 *
 * @param actual the balance now; null for a legacy account where it was never set
 * @param startingAllowance the column default today, assumed as the user's starting balance
 */
public record BalanceExplanation(
    Balance balance,
    Integer actual,
    int startingAllowance,
    long grants,
    long refunds,
    long deductions,
    long rows) {

  /** starting allowance + grants + refunds − deductions. */
  public long implied() {
    return startingAllowance + grants + refunds - deductions;
  }

  /** actual − implied; positive means more than the ledger explains. NULL counts as 0. */
  public long unexplained() {
    return (actual == null ? 0 : actual) - implied();
  }

  public boolean agrees() {
    return unexplained() == 0;
  }

  /** One sentence for people, e.g. "2 credits more than the ledger explains". */
  public String summary() {
    String label = balance.label();
    if (actual == null && rows == 0) {
      return "Not set (legacy account); no ledger rows.";
    }
    long diff = unexplained();
    String formula =
        String.format(
            "Ledger implies %,d = %,d starting + %,d granted + %,d refunded − %,d deducted.",
            implied(), startingAllowance, grants, refunds, deductions);
    if (diff == 0) {
      return "Agrees with the ledger. " + formula;
    }
    return String.format(
        "%,d %s %s than the ledger explains (unlogged web-app changes or a different starting"
            + " allowance). %s",
        Math.abs(diff), label, diff > 0 ? "more" : "fewer", formula);
  }
}
