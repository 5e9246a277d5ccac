package creditdesk.service;

/**
 * The one definition of "a creditdesk row" and what is known of it, as SQL over
 * {@link #FROM}: the ledger {@code t} beside creditdesk's adjustment {@code a} that wrote it.
 *
 * <p>A row is creditdesk's exactly when its id is a {@code creditdesk.adjustment.ledger_id}: only
 * {@code creditdesk.adjust} writes that table, while anyone who may insert ledger rows can put
 * {@code "source": "creditdesk"} and an admin's name into metadata. Actor, reason, ticket, refund
 * link and balance after come from the adjustment; a web-app row keeps its metadata as metadata,
 * and only its {@code refundReason} counts as its reason. The history page and the ledger export
 * both use these expressions, so the screen and the CSV cannot disagree.
 *
 * <p>Cost: one join on the adjustment table (small next to the ledger), by index or hash; no
 * per-row subquery.
 */
public final class LedgerRows {
  /** The ledger with the adjustment behind each creditdesk row (none for the web app's). */
  public static final String FROM =
      "public.\"CreditTransaction\" t LEFT JOIN creditdesk.adjustment a ON a.ledger_id = t.id";

  /** True for creditdesk's rows. */
  public static final String OURS = "(a.ledger_id IS NOT NULL)";

  public static final String ACTOR = "a.actor::text";

  /** The adjustment's reason; for a web-app row, the reason the web app gave for a refund. */
  public static final String REASON =
      "CASE WHEN a.ledger_id IS NOT NULL THEN coalesce(a.request->>'reason', t.metadata->>'reason')"
          + " ELSE t.metadata->>'refundReason' END";

  public static final String TICKET =
      "CASE WHEN a.ledger_id IS NOT NULL THEN coalesce(a.request->>'ticket', t.metadata->>'ticket') END";

  /** The deduction a creditdesk refund gives back (uuid). */
  public static final String REFUND_OF = "a.refund_of";

  /** The balance right after a creditdesk row (integer); unknown for the web app's rows. */
  public static final String BALANCE_AFTER = "a.balance_after";

  private LedgerRows() {}

  /** The condition for rows of {@code source}; {@code "true"} for null (any source). */
  public static String sourceIs(LedgerSource source) {
    if (source == null) {
      return "true";
    }
    return source == LedgerSource.CREDITDESK ? OURS : "(a.ledger_id IS NULL)";
  }
}
