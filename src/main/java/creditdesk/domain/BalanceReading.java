package creditdesk.domain;

import java.util.Objects;

/**
 * One balance as stored and as the web app reads it. The web app shows a NULL balance as its
 * default ({@link UnsetBalances}) but can never charge it: its deduction's
 * {@code WHERE free_credits >= n} does not match NULL. See docs/shared-database.md.
 *
 * @param stored the column's value; null when NULL or when the column is missing
 * @param unsetDefault what the web app shows for NULL
 * @param missing the database has no such column (a web-app migration dropped it)
 */
public record BalanceReading(Balance balance, Integer stored, int unsetDefault, boolean missing) {
  public BalanceReading {
    Objects.requireNonNull(balance, "balance");
    if (missing) {
      stored = null;
    }
  }

  /** What the web app shows: the stored number, the default for NULL; null when missing. */
  public Integer webApp() {
    if (missing) {
      return null;
    }
    return stored != null ? stored : unsetDefault;
  }

  /** NULL in the column: never set, shown as the default. */
  public boolean unset() {
    return !missing && stored == null;
  }

  /** Whether the web app's deduction can take anything from this balance at all. */
  public boolean chargeable() {
    return stored != null;
  }

  /** For plain text (the command line): "7", "10 (not set — web app default)", "no column". */
  public String describe() {
    if (missing) {
      return "no column";
    }
    return unset() ? unsetDefault + " (not set — web app default)" : stored.toString();
  }
}
