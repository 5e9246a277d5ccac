package creditdesk.domain;

import jakarta.persistence.EnumeratedValue;

/** PostgreSQL enum {@code operation_type}: the direction of a ledger row. */
public enum OperationType {
  DEDUCT("deduct"),
  REFUND("refund"),
  GRANT("grant");

  @EnumeratedValue private final String dbValue;

  OperationType(String dbValue) {
    this.dbValue = dbValue;
  }

  public String dbValue() {
    return dbValue;
  }

  /** The signed effect of {@code amount} on the balance the row moves. */
  public int signed(int amount) {
    return this == DEDUCT ? -amount : amount;
  }

  public static OperationType fromDb(String value) {
    for (OperationType o : values()) {
      if (o.dbValue.equals(value)) {
        return o;
      }
    }
    throw new IllegalArgumentException("Unknown operation: " + value);
  }
}
