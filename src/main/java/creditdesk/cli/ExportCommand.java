package creditdesk.cli;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.export.ExportCancellation;
import creditdesk.service.export.ExportFilter;
import creditdesk.service.export.ExportListener;
import creditdesk.service.export.ExportProgress;
import creditdesk.service.export.ExportReport;
import creditdesk.service.export.ExportRequest;
import creditdesk.service.export.ExportResult;
import creditdesk.service.export.ExportService;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.service.search.UserResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code creditdesk export}: the ledger or the daily usage report of a date range, as CSV. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Exports the ledger, or a daily usage report, of a date range to a CSV file.",
    description = {
      "Writes RFC 4180 CSV (UTF-8, CRLF, header row) as a staff login. Dates are UTC days, both"
          + " included. Text that a spreadsheet would take for a formula (starting with = + - @,"
          + " tab, CR or LF) gets a leading '; amounts stay plain numbers.",
      "Ledger columns: id, created_at, user_id, operation, feature_type, amount, signed_amount,"
          + " balance, source, actor, reason, ticket, refund_of, metadata (and email with"
          + " --include-email). Daily usage: per day and feature, count and sum of deductions,"
          + " grants and refunds.",
      "The file appears only when complete; Ctrl-C or a failure leaves no file behind."
    })
public final class ExportCommand extends CliCommand {
  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD",
      converter = DayConverter.class, description = "First day (UTC).")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD",
      converter = DayConverter.class, description = "Last day (UTC), included.")
  LocalDate to;

  @Option(names = "--operation", paramLabel = "OP", converter = OperationConverter.class,
      description = "Only deduct, grant or refund rows (or another label the database has).")
  OperationType operation;

  @Option(names = "--feature", paramLabel = "FEATURE", converter = FeatureConverter.class,
      description = "Only document_generation, workstream_clustering, chat_tool_call or"
          + " chat_message rows, or rows of a feature the web app added.")
  FeatureType feature;

  @Option(names = "--user", paramLabel = "EMAIL|ID",
      description = "Only this user's rows (an email must name exactly one user).")
  String user;

  @Option(names = "--source", paramLabel = "SOURCE", converter = SourceConverter.class,
      description = "Only rows written by the webapp or by creditdesk.")
  LedgerSource source;

  @Option(names = "--report", paramLabel = "REPORT", converter = ReportConverter.class,
      defaultValue = "ledger", description = "ledger (default) or daily-usage.")
  ExportReport report;

  @Option(names = "--include-email",
      description = "Add the users' email as the last column (personal data; off by default).")
  boolean includeEmail;

  @Option(names = "--bom", description = "Start the file with a UTF-8 byte order mark (for Excel).")
  boolean bom;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
      description = "The CSV file to write (replaced when the export is complete).")
  Path out;

  @Option(names = "--progress", description = "Print progress to standard error every few seconds.")
  boolean progress;

  @Override
  protected int run() {
    request(null); // invalid options fail before connecting
    try (DatabaseAccess db = openDatabase();
        StaffSession session = db.login()) {
      operation = LabelOptions.check(operation, session.labels().operations(), "operation");
      feature = LabelOptions.check(feature, session.labels().features(), "feature");
      UUID userId = user == null ? null : new UserResolver(session).resolve(user).id();
      ExportResult result = export(new ExportService(session), request(userId));
      PrintWriter o = out();
      o.println(String.format(Locale.ROOT, "Exported %,d %s to %s in %.1f s.", result.rows(),
          result.rows() == 1 ? "row" : "rows", result.file(), result.elapsed().toMillis() / 1000.0));
      o.flush();
    }
    return ExitCodes.OK;
  }

  /** Checks the options before connecting; {@code userId} is filled in once resolved. */
  private ExportRequest request(UUID userId) {
    ExportFilter filter = ExportFilter.between(from, to).withOperation(operation).withFeature(feature)
        .withSource(source).withUser(userId);
    ExportRequest r = new ExportRequest(report, filter, null, false, false);
    if (includeEmail) {
      r = r.withEmail();
    }
    return bom ? r.withByteOrderMark() : r;
  }

  /** Runs the export; Ctrl-C cancels it and waits for the unfinished file to be removed. */
  private ExportResult export(ExportService service, ExportRequest request) {
    ExportCancellation cancel = new ExportCancellation();
    CountDownLatch finished = new CountDownLatch(1);
    Thread onInterrupt = new Thread(() -> {
      cancel.cancel();
      try {
        finished.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "export-cancel");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      return service.export(request, out, progress ? new ProgressPrinter(context().err()) : p -> { },
          cancel);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for the latch released above
      }
    }
  }

  /** One line every few seconds: rows, rate, and the time left when there is an estimate. */
  private static final class ProgressPrinter implements ExportListener {
    private final PrintWriter err;
    private long lastNanos;

    ProgressPrinter(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void progress(ExportProgress p) {
      long now = System.nanoTime();
      if (p.rows() == 0 || now - lastNanos < TimeUnit.SECONDS.toNanos(3)) {
        return;
      }
      lastNanos = now;
      Duration left = p.remaining();
      err.println(String.format(Locale.ROOT, "%,d rows, %,.0f rows/s%s", p.rows(), p.rowsPerSecond(),
          left == null ? "" : ", about " + Math.max(1, left.toSeconds()) + " s left"));
      err.flush();
    }
  }

  static final class DayConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a day of the form YYYY-MM-DD");
      }
    }
  }

  static final class OperationConverter implements ITypeConverter<OperationType> {
    @Override
    public OperationType convert(String value) {
      return OperationType.fromDb(value.strip());
    }
  }

  static final class FeatureConverter implements ITypeConverter<FeatureType> {
    @Override
    public FeatureType convert(String value) {
      return FeatureType.fromDb(value.strip());
    }
  }

  static final class SourceConverter implements ITypeConverter<LedgerSource> {
    @Override
    public LedgerSource convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "webapp", "web-app", "web" -> LedgerSource.WEBAPP;
        case "creditdesk" -> LedgerSource.CREDITDESK;
        default -> throw new TypeConversionException("'" + value + "' is not webapp or creditdesk");
      };
    }
  }

  static final class ReportConverter implements ITypeConverter<ExportReport> {
    @Override
    public ExportReport convert(String value) {
      if (value.strip().equalsIgnoreCase("ledger")) {
        return ExportReport.LEDGER;
      }
      if (value.strip().equalsIgnoreCase("daily-usage")) {
        return ExportReport.DAILY_USAGE;
      }
      throw new TypeConversionException("'" + value + "' is not ledger or daily-usage");
    }
  }
}
