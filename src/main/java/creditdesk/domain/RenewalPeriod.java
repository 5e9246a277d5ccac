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
}
