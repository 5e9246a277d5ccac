package creditdesk.domain;

import jakarta.persistence.EnumeratedValue;

/** PostgreSQL enum {@code user_status}. */
public enum UserStatus {
  ACTIVE("active"),
  BANNED("banned"),
  DELETED("deleted");

  @EnumeratedValue private final String dbValue;

  UserStatus(String dbValue) {
    this.dbValue = dbValue;
  }

  public String dbValue() {
    return dbValue;
  }

  /** The constant for a database label; null for a label this build does not know. */
  public static UserStatus fromDb(String value) {
    for (UserStatus v : values()) {
      if (v.dbValue.equals(value)) {
        return v;
      }
    }
    return null;
  }
}
