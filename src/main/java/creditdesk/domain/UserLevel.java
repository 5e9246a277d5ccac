package creditdesk.domain;

import jakarta.persistence.EnumeratedValue;

/** PostgreSQL enum {@code user_level}. BASIC and PRO are deprecated; PAID and DEMO are not charged. */
public enum UserLevel {
  FREE("free"),
  BASIC("basic"),
  PRO("pro"),
  PAID("paid"),
  DEMO("demo");

  @EnumeratedValue private final String dbValue;

  UserLevel(String dbValue) {
    this.dbValue = dbValue;
  }

  public String dbValue() {
    return dbValue;
  }

  public boolean unlimited() {
    return this == PAID || this == DEMO;
  }
}
