package creditdesk.domain;

import java.util.List;

/** PostgreSQL enum {@code user_status}. */
public final class UserStatus extends DbLabel {
  public static final UserStatus ACTIVE = new UserStatus("active", "ACTIVE");
  public static final UserStatus BANNED = new UserStatus("banned", "BANNED");
  public static final UserStatus DELETED = new UserStatus("deleted", "DELETED");

  private static final List<UserStatus> KNOWN = List.of(ACTIVE, BANNED, DELETED);

  private UserStatus(String dbValue, String name) {
    super(dbValue, name);
  }

  /** The labels of {@code user_status} this build knows, in the enum's order. */
  public static List<UserStatus> known() {
    return KNOWN;
  }

  /** The label {@code value}, known or not; null only for a null value (a NULL column). */
  public static UserStatus fromDb(String value) {
    if (value == null) {
      return null;
    }
    UserStatus k = find(KNOWN, value);
    return k != null ? k : new UserStatus(value, null);
  }
}
