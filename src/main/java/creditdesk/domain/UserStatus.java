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
}
