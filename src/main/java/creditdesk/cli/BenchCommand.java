package creditdesk.cli;

import creditdesk.bench.BenchmarkReport;
import creditdesk.bench.BenchmarkRunner;
import creditdesk.bench.Measurement;
import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.ConnectionResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code creditdesk bench}: creditdesk's paths beside their baselines on a scratch database. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Measures search, history, grants, export, login and console start beside baselines, in one run.",
    description = {
      "Fills the database (as its owner) with production-shaped data up to the chosen size, then"
          + " measures each creditdesk path and its baseline in the same run and prints medians"
          + " and ratios. Use a scratch database: --data-dir for an embedded one, or a --db-url.",
      "Sizes: small (5,000 users, 200,000 rows; a smoke run) or full (1,000,000 users,"
          + " 10,000,000 rows); --users and --rows override them. Data already there is reused"
          + " and only topped up, so keep the --data-dir to rerun without generating again.",
      "The export runs in a child JVM (-Xmx256m) beside psql \\copy (skipped without psql on"
          + " the PATH); console start needs a display (DISPLAY) and is skipped without one."
    })
public final class BenchCommand extends CliCommand {
  @Option(names = "--size", defaultValue = "small", paramLabel = "small|full",
      description = "Data size (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--users", paramLabel = "N", description = "Users to generate up to (default: the size's).")
  Integer users;

  @Option(names = "--rows", paramLabel = "N", description = "Ledger rows to generate up to (default: the size's).")
  Long rows;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write the report to FILE (Markdown), rewritten after each measurement.")
  Path report;

  @Override
  protected int run() throws Exception {
    BenchmarkRunner.Options options = switch (size.toLowerCase(Locale.ROOT)) {
      case "small" -> BenchmarkRunner.Options.small();
      case "full" -> BenchmarkRunner.Options.full();
      default -> throw new ValidationException("--size is small or full.");
    };
    if (users != null && (users < 1 || users > 50_000_000)) {
      throw new ValidationException("--users is 1 to 50,000,000.");
    }
    if (rows != null && (rows < 0 || rows > 1_000_000_000L)) {
      throw new ValidationException("--rows is 0 to 1,000,000,000.");
    }
    options = options.withSizes(users, rows);
    ConnectionResolver.Resolved target = context().resolver().resolve(root().connection().request());
    if (target instanceof ConnectionResolver.Embedded local
        && local.dataDir().equals(context().resolver().resolve(
            new ConnectionResolver.Request(null, null, null)) instanceof ConnectionResolver.Embedded d
                ? d.dataDir() : null)) {
      throw new ValidationException(
          "The benchmark fills its database with test data: give a scratch --data-dir or --db-url,"
              + " not your default data directory.");
    }
    try (DatabaseAccess db = openDatabase()) {
      String header = BenchmarkReport.header(options, db.dataSource());
      List<Measurement> sofar = new ArrayList<>();
      List<Measurement> results = new BenchmarkRunner(db.dataSource(), db.settings(), options,
          message -> {
            context().err().println("creditdesk: " + message);
            context().err().flush();
          },
          m -> {
            sofar.add(m);
            writeReport(header + BenchmarkReport.table(sofar) + "\n(still running)\n");
          }).run();
      String text = header + BenchmarkReport.table(results) + BenchmarkReport.footer();
      PrintWriter out = out();
      out.print(text);
      out.flush();
      writeReport(text);
    }
    return ExitCodes.OK;
  }

  private void writeReport(String text) {
    if (report == null) {
      return;
    }
    try {
      Files.writeString(report, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + report + ": " + e.getMessage(), e);
    }
  }
}
