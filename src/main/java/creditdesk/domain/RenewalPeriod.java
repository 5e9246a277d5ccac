package creditdesk.domain;

import jakarta.persistence.EnumeratedValue;

/** PostgreSQL enum {@code renewal_period}. */
public enum RenewalPeriod {
  MONTHLY("monthly"),
  YEARLY("yearly"),
  LIFETIME("lifetime");

  @EnumeratedValue private final String dbValue;

  RenewalPeriod(String dbValue) {
    this.dbValue = dbValue;
  }

  public String dbValue() {
    return dbValue;
  }

  /** The constant for a database label; null for a label this build does not know. */
  public static RenewalPeriod fromDb(String value) {
    for (RenewalPeriod v : values()) {
      if (v.dbValue.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
