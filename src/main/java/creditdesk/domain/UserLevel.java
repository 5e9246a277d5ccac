package creditdesk.domain;

import jakarta.persistence.EnumeratedValue;

/** PostgreSQL enum {@code user_level}. BASIC and PRO are deprecated; see Plan for who is charged. */
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

  /** The constant for a database label; null for a label this build does not know. */
  public static UserLevel fromDb(String value) {
    for (UserLevel v : values()) {
      if (v.dbValue.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
