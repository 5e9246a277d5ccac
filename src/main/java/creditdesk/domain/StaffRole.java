package creditdesk.domain;

import java.util.Locale;

/** The three creditdesk group roles; a staff login is a member of exactly one. */
public enum StaffRole {
  SUPPORT("creditdesk_support"),
  ADMIN("creditdesk_admin"),
  ANALYST("creditdesk_analyst");

  private final String groupRole;

  StaffRole(String groupRole) {
    this.groupRole = groupRole;
  }

  public String groupRole() {
    return groupRole;
  }

  public String label() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }

  /** Accepts "admin", "Admin" or "creditdesk_admin". */
  public static StaffRole parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (StaffRole r : values()) {
      if (t.equals(r.groupRole) || t.equals(r.name().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "Unknown role \"" + text + "\"; use support, admin or analyst.");
  }

  /** The role named by {@code creditdesk.staff_role()}, or null. */
  public static StaffRole fromStaffRoleFunction(String value) {
    return value == null ? null : parse(value);
  }
}
