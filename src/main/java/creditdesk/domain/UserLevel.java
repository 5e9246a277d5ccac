package creditdesk.domain;

import java.util.List;

/** PostgreSQL enum {@code user_level}. BASIC and PRO are deprecated; see Plan for who is charged. */
public final class UserLevel extends DbLabel {
  public static final UserLevel FREE = new UserLevel("free", "FREE");
  public static final UserLevel BASIC = new UserLevel("basic", "BASIC");
  public static final UserLevel PRO = new UserLevel("pro", "PRO");
  public static final UserLevel PAID = new UserLevel("paid", "PAID");
  public static final UserLevel DEMO = new UserLevel("demo", "DEMO");

  private static final List<UserLevel> KNOWN = List.of(FREE, BASIC, PRO, PAID, DEMO);

  private UserLevel(String dbValue, String name) {
    super(dbValue, name);
  }

  /** The labels of {@code user_level} this build knows, in the enum's order. */
  public static List<UserLevel> known() {
    return KNOWN;
  }

  /** The label {@code value}, known or not; null only for a null value (a NULL column). */
  public static UserLevel fromDb(String value) {
    if (value == null) {
      return null;
    }
    UserLevel k = find(KNOWN, value);
    return k != null ? k : new UserLevel(value, null);
  }
}
