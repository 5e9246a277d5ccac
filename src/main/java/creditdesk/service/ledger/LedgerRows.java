package creditdesk.service.ledger;

/**
 * The one definition of "a creditdesk row" and what is known of it, as SQL over
 * {@link #FROM}: the ledger {@code t} beside the adjustment {@code j.adj} that wrote it, if any.
 *
 * <p>A row is creditdesk's exactly when its id is a {@code creditdesk.adjustment.ledger_id}: only
 * {@code creditdesk.adjust} writes that table, while anyone who may insert ledger rows can put
 * {@code "source": "creditdesk"} and an admin's name into metadata. Actor, reason, ticket, refund
 * link and balance after come from the adjustment; a web-app row keeps its metadata as metadata,
 * and only its {@code refundReason} counts as its reason. The history page and the ledger export
 * both use these expressions, so the screen and the CSV cannot disagree.
 *
 * <p>Cost: the ledger is read in the order its own index gives (no join that would make a sort
 * of the whole export necessary before its first row); each row's id is looked up in a hash of
 * the adjustment table's ledger ids, built once per statement, and only creditdesk's rows then
 * fetch their adjustment by {@code ledger_id}.
 */
public final class LedgerRows {
  /** True when creditdesk.adjust wrote row {@code t}; usable in WHERE, costs one hash probe. */
  public static final String IS_OURS =
      "(t.id IN (SELECT x.ledger_id FROM creditdesk.adjustment x WHERE x.ledger_id IS NOT NULL))";

  /**
   * The ledger {@code t} with {@code j.adj}, the adjustment behind each creditdesk row (a whole
   * row of creditdesk.adjustment; NULL for the web app's rows). OFFSET 0 keeps the lookup from
   * being inlined into (and repeated by) every expression that reads it.
   */
  public static final String FROM =
      "public.\"CreditTransaction\" t CROSS JOIN LATERAL (SELECT CASE WHEN " + IS_OURS
          + " THEN (SELECT a FROM creditdesk.adjustment a WHERE a.ledger_id = t.id LIMIT 1) END"
          + " AS adj OFFSET 0) j";

  /** True for creditdesk's rows (in the select list over {@link #FROM}). */
  public static final String OURS = "((j.adj).ledger_id IS NOT NULL)";

  public static final String ACTOR = "(j.adj).actor::text";

  /** The adjustment's reason; for a web-app row, the reason the web app gave for a refund. */
  public static final String REASON =
      "CASE WHEN (j.adj).ledger_id IS NOT NULL"
          + " THEN coalesce((j.adj).request->>'reason', t.metadata->>'reason')"
          + " ELSE t.metadata->>'refundReason' END";

  public static final String TICKET =
      "CASE WHEN (j.adj).ledger_id IS NOT NULL"
          + " THEN coalesce((j.adj).request->>'ticket', t.metadata->>'ticket') END";

  /** The deduction a creditdesk refund gives back (uuid). */
  public static final String REFUND_OF = "(j.adj).refund_of";

  /** The balance right after a creditdesk row (integer); unknown for the web app's rows. */
  public static final String BALANCE_AFTER = "(j.adj).balance_after";

  private LedgerRows() {}

  /** The condition for rows of {@code source}; {@code "true"} for null (any source). */
  public static String sourceIs(LedgerSource source) {
    if (source == null) {
      return "true";
    }
    return source == LedgerSource.CREDITDESK ? IS_OURS : "NOT " + IS_OURS;
  }
}
