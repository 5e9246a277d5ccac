package creditdesk.service.export;

import creditdesk.service.common.ValidationException;
import java.util.List;
import java.util.Locale;

/** What an export writes, and its columns in order. */
public enum ExportReport {
  /** Ledger rows; the email column is added last only on request. */
  LEDGER(
      "ledger",
      List.of("id", "created_at", "user_id", "operation", "feature_type", "amount", "signed_amount",
          "balance", "source", "actor", "reason", "ticket", "refund_of", "metadata")),
  /** Per UTC day and feature: count and sum of deductions, grants and refunds. */
  DAILY_USAGE(
      "daily-usage",
      List.of("day", "feature_type", "deduct_count", "deduct_sum", "grant_count", "grant_sum",
          "refund_count", "refund_sum")),
  /**
   * The users a search finds, best match first. free_credits and free_chat_messages are as
   * stored (empty for NULL); the webapp_ columns are the balances as the web app reads them (its
   * default for NULL), balances_unset says which were NULL, and plan / unlimited / plan_until
   * are the plan as the web app computes it at the time of the export.
   */
  SEARCH_RESULTS(
      "search-results",
      List.of("id", "email", "name", "level", "status", "free_credits", "free_chat_messages",
          "webapp_free_credits", "webapp_free_chat_messages", "balances_unset", "plan",
          "unlimited", "plan_until"));

  public static final String EMAIL_COLUMN = "email";

  private final String label;
  private final List<String> columns;

  ExportReport(String label, List<String> columns) {
    this.label = label;
    this.columns = columns;
  }

  /**
   * The report's name: ledger, daily-usage, search-results. The command line exports the first
   * two; search results come from the console's search screen.
   */
  public String label() {
    return label;
  }

  public List<String> columns() {
    return columns;
  }

  public static ExportReport parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (ExportReport r : values()) {
      if (r.label.equals(t) || r.name().toLowerCase(Locale.ROOT).equals(t)) {
        return r;
      }
    }
    throw new ValidationException(
        "Unknown report \"" + text + "\"; use ledger, daily-usage or search-results.");
  }
}
