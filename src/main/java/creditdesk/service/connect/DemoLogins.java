package creditdesk.service.connect;

import creditdesk.domain.StaffRole;
import creditdesk.service.staff.StaffMember;
import creditdesk.service.staff.StaffService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo staff logins of the embedded database, one per role. Their passwords are public on
 * purpose: they exist only in the local demo cluster, which listens on loopback alone.
 */
public final class DemoLogins {
  /** One demo login; the password equals the login name so that it is easy to type. */
  public record DemoLogin(String login, StaffRole role, String password) {
    public char[] passwordChars() {
      return password.toCharArray();
    }
  }

  public static final DemoLogin SUPPORT =
      new DemoLogin("demo_support", StaffRole.SUPPORT, "demo_support");
  public static final DemoLogin ADMIN = new DemoLogin("demo_admin", StaffRole.ADMIN, "demo_admin");
  public static final DemoLogin ANALYST =
      new DemoLogin("demo_analyst", StaffRole.ANALYST, "demo_analyst");

  public static final List<DemoLogin> ALL = List.of(SUPPORT, ADMIN, ANALYST);

  private DemoLogins() {}

  /** Creates the demo logins that do not exist yet and returns those it created. */
  public static List<DemoLogin> ensure(StaffService staff) {
    Set<String> existing =
        staff.list().stream().map(StaffMember::login).collect(Collectors.toSet());
    List<DemoLogin> created = new ArrayList<>();
    for (DemoLogin demo : ALL) {
      if (!existing.contains(demo.login())) {
        staff.add(demo.login(), demo.role(), demo.passwordChars());
        created.add(demo);
      }
    }
    return created;
  }
}
