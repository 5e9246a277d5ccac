package creditdesk.cli;

import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.PoolerCheck;
import creditdesk.service.schema.SchemaService;
import java.io.PrintWriter;
import javax.sql.DataSource;
import picocli.CommandLine.Command;

/** {@code creditdesk migrate}: a database owner applies creditdesk's migrations. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    header = "Applies creditdesk's migrations (run by a database owner).",
    description = {
      "Applies creditdesk's migrations to the database (or the embedded one) and prints what it"
          + " applied. Run it as a database owner: a login that may create schemas, roles and"
          + " triggers. Against the web app's database it adds only creditdesk's own schema,"
          + " group roles, triggers and indexes; on an empty database it first creates the web"
          + " app's tables.",
      "Running it again when nothing is pending changes nothing."
    })
public final class MigrateCommand extends CliCommand {
  @Override
  protected int run() {
    try (DatabaseAccess db = openDatabase()) {
      DataSource ds = db.allowingLongStatements().dataSource();
      if (PoolerCheck.behindPooler(ds)) {
        // Flyway's session lock and CREATE INDEX CONCURRENTLY need one server session throughout.
        throw new ValidationException("A connection pooler is between creditdesk and the server;"
            + " run `creditdesk migrate` on a direct connection to PostgreSQL.");
      }
      SchemaService.MigrationReport report = new SchemaService(ds).migrate();
      PrintWriter out = out();
      if (report.applied().isEmpty()) {
        out.println("Nothing to migrate: the creditdesk schema is at version " + report.after() + ".");
      } else {
        for (String migration : report.applied()) {
          out.println("Applied " + migration);
        }
        out.println("The creditdesk schema is now at version " + report.after()
            + (report.before() == null ? "" : " (was " + report.before() + ")") + ".");
      }
      if (!report.unknown().isEmpty()) {
        out.println("Note: the database has migrations this build does not know ("
            + String.join(", ", report.unknown()) + "); a newer creditdesk applied them.");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
