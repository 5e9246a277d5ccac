package creditdesk.cli;

import creditdesk.service.connect.ConnectionResolver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code creditdesk}: without a command it opens the desktop console. */
@Command(
    name = "creditdesk",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Support console for the prepaid-credits database of the web app.",
      "Without a command, opens the console: on the database named by --db-url or the PG*"
          + " variables, else on the embedded database in the data directory."
    },
    subcommands = {
      MigrateCommand.class,
      StaffCommand.class,
      DoctorCommand.class,
      GrantCommand.class,
      RefundCommand.class,
      CorrectCommand.class,
      BenchCommand.class,
      ExportCommand.class,
      InitialiseBalancesCommand.class,
      ShowCommand.class,
      HistoryCommand.class
    },
    footerHeading = "%nConnecting:%n",
    footer = {
      "The database comes from --db-url, else from PGHOST, PGPORT, PGDATABASE, PGUSER,"
          + " PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY and PGCONNECT_TIMEOUT, as in libpq;"
          + " when none of PGHOST, PGPORT and PGDATABASE is set, it is the embedded database.",
      "sslmode is disable, allow, prefer, require, verify-ca or verify-full;"
          + " sslrootcert=system trusts the CAs of the Java runtime.",
      "The password comes from PGPASSWORD, else PGPASSFILE or ~/.pgpass, else a prompt on the"
          + " terminal. It is never a command-line option."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:any other failure",
      "2:invalid input or usage",
      "3:refused by a rule (balance, refund, idempotency)",
      "4:permission denied (the login's role may not do this)",
      "5:database unreachable or login refused (also: no password available)",
      "6:creditdesk schema missing, outdated or newer than this build"
    })
public final class CreditdeskCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin private ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log what happens and print stack traces of failures.")
  boolean verbose;

  public CreditdeskCommand(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  public ConnectionOptions connection() {
    return connection;
  }

  public boolean verbose() {
    return verbose;
  }

  @Override
  public Integer call() {
    ConnectionResolver resolver = context.resolver();
    ConnectionResolver.Resolved target = resolver.resolve(connection.request());
    return context.console().launch(target, resolver);
  }
}
