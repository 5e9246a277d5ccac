package creditdesk.cli;

import creditdesk.bench.BenchmarkRunner;
import creditdesk.bench.Measurement;
import creditdesk.service.ConnectionResolver;
import creditdesk.service.ValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code creditdesk bench}: creditdesk's paths beside their baselines on a scratch database. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Measures search, history, grants and login beside baselines, in one run.",
    description = {
      "Fills the database (as its owner) with production-shaped data up to the chosen size, then"
          + " measures each creditdesk path and its baseline in the same run and prints medians"
          + " and ratios. Use a scratch database: --data-dir for an embedded one, or a --db-url.",
      "Sizes: small (5,000 users, 200,000 rows; a smoke run) or full (1,000,000 users,"
          + " 10,000,000 rows)."
    })
public final class BenchCommand extends CliCommand {
  @Option(names = "--size", defaultValue = "small", paramLabel = "small|full",
      description = "Data size (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write the table to FILE (Markdown).")
  Path report;

  @Override
  protected int run() throws Exception {
    BenchmarkRunner.Options options = switch (size.toLowerCase(Locale.ROOT)) {
      case "small" -> BenchmarkRunner.Options.small();
      case "full" -> BenchmarkRunner.Options.full();
      default -> throw new ValidationException("--size is small or full.");
    };
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
      List<Measurement> results = new BenchmarkRunner(db.dataSource(), db.settings(), options,
          message -> {
            context().err().println("creditdesk: " + message);
            context().err().flush();
          }).run();
      String table = markdown(results);
      PrintWriter out = out();
      out.print(table);
      out.flush();
      if (report != null) {
        try {
          Files.writeString(report, table);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot write " + report + ": " + e.getMessage(), e);
        }
      }
    }
    return ExitCodes.OK;
  }

  static String markdown(List<Measurement> results) {
    StringBuilder b = new StringBuilder();
    b.append("| measurement | unit | creditdesk | baseline | ratio (baseline / creditdesk) | baseline is |\n");
    b.append("|---|---|---:|---:|---:|---|\n");
    for (Measurement m : results) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", m.name(), m.unit(),
          number(m.creditdesk()), number(m.baseline()),
          Double.isNaN(m.baseline()) ? "—" : String.format(Locale.ROOT, "%.2f×", m.ratio()), m.note()));
    }
    return b.toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
