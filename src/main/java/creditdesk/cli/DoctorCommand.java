package creditdesk.cli;

import creditdesk.service.connect.ConnectionResolver;
import creditdesk.service.connect.Diagnostics;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code creditdesk doctor}: can this login use the console on this database? */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    header = "Checks that a login can use the console on a database.",
    description = {
      "Checks, as the given login: the connection (and whether it uses TLS), the server version,"
          + " the creditdesk schema version against this build's (listing what is pending),"
          + " the web app's columns and enum labels against the ones this build knows,"
          + " that the tables match creditdesk's mapping, and the login's creditdesk role.",
      "A column or enum label the database has and this build does not know is a note; a column"
          + " this build reads that is gone is a warning saying what no longer works. Neither fails"
          + " the check: the console works with less.",
      "Exits 0 when every check passes (notes and warnings included). A login that is not staff"
          + " (a database owner, say) passes with role \"none\", because migrate and staff work for"
          + " it; the console would refuse it. Otherwise exits with the code of the first failed"
          + " check (5: connection, 6: schema, a table or column the console cannot work without, or"
          + " mapping) and one line on stderr saying why."
    })
public final class DoctorCommand extends CliCommand {
  @Override
  protected int run() {
    PrintWriter out = out();
    try (DatabaseAccess db = openDatabase()) {
      if (db.target() instanceof ConnectionResolver.Embedded local) {
        line(out, "database", "embedded", "data in " + local.dataDir());
      }
      Diagnostics.run(db.settings(), check -> line(out, check.name(),
          check.outcome().name().toLowerCase(Locale.ROOT),
          check.outcome() == Diagnostics.Outcome.FAILED ? "" : check.detail()));
    }
    return ExitCodes.OK;
  }

  private static void line(PrintWriter out, String name, String outcome, String detail) {
    out.println(String.format("%-11s %-7s %s", name, outcome, detail).stripTrailing());
    out.flush();
  }
}
