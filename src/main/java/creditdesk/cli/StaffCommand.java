package creditdesk.cli;

import creditdesk.domain.StaffRole;
import creditdesk.service.common.ValidationException;
import creditdesk.service.staff.StaffMember;
import creditdesk.service.staff.StaffService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code creditdesk staff}: a database owner manages staff logins. */
@Command(
    name = "staff",
    mixinStandardHelpOptions = true,
    header = "Adds staff logins, changes their role, disables them, lists them.",
    description = {
      "Manages staff logins: database logins that are members of one creditdesk role"
          + " (support, admin or analyst). Run it as a database owner (a login with CREATEROLE)."
    },
    subcommands = {
      StaffCommand.Add.class,
      StaffCommand.Role.class,
      StaffCommand.Disable.class,
      StaffCommand.ListLogins.class
    })
public final class StaffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing a staff command: add, role, disable or list");
  }

  private static StaffService service(DatabaseAccess db) {
    db.requireCurrentSchema();
    return new StaffService(db.dataSource());
  }

  private static String label(StaffRole role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      header = "Creates a staff login in a role.",
      description = {
        "Creates a staff login in a role. The password is asked twice on the terminal,"
            + " or read from standard input with --password-stdin; never give it as an argument."
      })
  public static final class Add extends CliCommand {
    @Parameters(index = "0", paramLabel = "LOGIN", description = "The new login (lower case).")
    String login;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        converter = RoleConverter.class, description = "support, admin or analyst.")
    StaffRole role;

    @Option(names = "--password-stdin",
        description = "Read the password from standard input (one line) instead of the terminal.")
    boolean passwordStdin;

    @Override
    protected int run() {
      StaffService.validateLogin(login);
      char[] password = passwordStdin ? readStdin(context().stdin()) : askTwice();
      try (DatabaseAccess db = openDatabase()) {
        service(db).add(login, role, password);
      } finally {
        Arrays.fill(password, '\0');
      }
      out().println("Added staff login " + login + " as " + label(role) + ".");
      return ExitCodes.OK;
    }

    private char[] askTwice() {
      char[] first = context().prompt().ask("New password for " + login + ": ");
      if (first == null) {
        throw new ValidationException("There is no terminal to ask for the new password;"
            + " pass it on standard input with --password-stdin.");
      }
      char[] second = context().prompt().ask("Repeat the password: ");
      boolean same = second != null && Arrays.equals(first, second);
      if (second != null) {
        Arrays.fill(second, '\0');
      }
      if (!same) {
        Arrays.fill(first, '\0');
        throw new ValidationException("The two passwords differ; nothing was changed.");
      }
      return first;
    }
  }

  /** The whole of stdin, less one line end; more than one line is refused. */
  static char[] readStdin(InputStream in) {
    byte[] bytes;
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      bytes = buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
    Arrays.fill(bytes, (byte) 0);
    int end = chars.limit();
    if (end > 0 && chars.get(end - 1) == '\n') {
      end--;
      if (end > 0 && chars.get(end - 1) == '\r') {
        end--;
      }
    }
    char[] password = new char[end];
    chars.get(password, 0, end);
    Arrays.fill(chars.array(), '\0');
    for (char c : password) {
      if (c == '\n' || c == '\r') {
        Arrays.fill(password, '\0');
        throw new ValidationException("Standard input must hold the password on one line only.");
      }
    }
    if (password.length == 0) {
      throw new ValidationException("Standard input is empty; it must hold the password.");
    }
    return password;
  }

  @Command(name = "role", mixinStandardHelpOptions = true,
      description = "Moves a staff login to another role.")
  public static final class Role extends CliCommand {
    @Parameters(index = "0", paramLabel = "LOGIN")
    String login;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        converter = RoleConverter.class, description = "support, admin or analyst.")
    StaffRole role;

    @Override
    protected int run() {
      try (DatabaseAccess db = openDatabase()) {
        service(db).changeRole(login, role);
      }
      out().println("Staff login " + login + " is now " + label(role) + ".");
      return ExitCodes.OK;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Takes a staff login's right to log in and ends its open sessions.")
  public static final class Disable extends CliCommand {
    @Parameters(index = "0", paramLabel = "LOGIN")
    String login;

    @Override
    protected int run() {
      try (DatabaseAccess db = openDatabase()) {
        service(db).disable(login);
      }
      out().println("Staff login " + login + " is disabled.");
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the staff logins, their roles and whether they may log in.")
  public static final class ListLogins extends CliCommand {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** One line of the list, as printed with --json. */
    public record Row(String login, String role, boolean canLogin) {}

    @Override
    protected int run() {
      List<StaffMember> members;
      try (DatabaseAccess db = openDatabase()) {
        members = service(db).list();
      }
      List<Row> rows =
          members.stream().map(m -> new Row(m.login(), label(m.role()), m.canLogin())).toList();
      PrintWriter out = out();
      if (json) {
        Output.json(out, rows);
      } else {
        Output.table(out, List.of("LOGIN", "ROLE", "CAN LOGIN"),
            rows.stream().map(r -> List.of(r.login(), r.role(), r.canLogin() ? "yes" : "no")).toList());
      }
      return ExitCodes.OK;
    }
  }
}
