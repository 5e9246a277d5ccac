package creditdesk.domain;

import java.util.List;

/** PostgreSQL enum {@code operation_type}: the direction of a ledger row. */
public final class OperationType extends DbLabel {
  public static final OperationType DEDUCT = new OperationType("deduct", "DEDUCT");
  public static final OperationType REFUND = new OperationType("refund", "REFUND");
  public static final OperationType GRANT = new OperationType("grant", "GRANT");

  private static final List<OperationType> KNOWN = List.of(DEDUCT, REFUND, GRANT);

  private OperationType(String dbValue, String name) {
    super(dbValue, name);
  }

  /** The labels of {@code operation_type} this build knows, in the enum's order. */
  public static List<OperationType> known() {
    return KNOWN;
  }

  /** The label {@code value}, known or not; null only for a null value (a NULL column). */
  public static OperationType fromDb(String value) {
    if (value == null) {
      return null;
    }
    OperationType k = find(KNOWN, value);
    return k != null ? k : new OperationType(value, null);
  }

  /**
   * The signed effect of {@code amount} on the balance the row moves: a deduction lowers it, a
   * grant or refund raises it, an operation this build does not know counts as no change.
   */
  public int signed(int amount) {
    if (equals(DEDUCT)) {
      return -amount;
    }
    return equals(GRANT) || equals(REFUND) ? amount : 0;
  }
}
