package creditdesk.service.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import creditdesk.domain.Balance;
import creditdesk.persistence.UserRows;
import creditdesk.service.common.CreditdeskException;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.DatabaseException;
import creditdesk.service.common.PermissionDeniedException;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.schema.DatabaseLabels;
import creditdesk.service.search.UserSearchService;
import creditdesk.service.search.UserSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import creditdesk.db.ConnectionSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hibernate.JDBCException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes CSV exports (RFC 4180: UTF-8, CRLF, a header row, quotes where needed, an optional BOM),
 * streaming so that memory stays flat whatever the size.
 *
 * <p>The ledger and daily-usage reports are {@code COPY (SELECT ...) TO STDOUT WITH CSV}: the
 * server formats the rows, formula neutralisation is part of the query (ExportSql), and this side
 * only turns record ends into CRLF and counts them, which keeps pace with {@code psql \copy} of the
 * same query (`creditdesk bench`, BENCHMARKS.md, and docs/decisions/0003). Search results are few and come from
 * Hibernate's search query, so they go through Commons CSV.
 *
 * <p>What a login may read is up to the database: the queries touch only the ledger and, when
 * asked, the email column of "User" (never the password).
 */
public final class ExportService {
  private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long PROGRESS_EVERY_NANOS = 200_000_000L;

  private final DataSource dataSource;
  private final UserSearchService search;
  private final DatabaseLabels labels;

  public ExportService(StaffSession session) {
    this(session.dataSource(), new UserSearchService(session.sessionFactory()), session.labels());
  }

  ExportService(DataSource dataSource, UserSearchService search, DatabaseLabels labels) {
    this.dataSource = dataSource;
    this.search = search;
    this.labels = labels;
  }

  /** The enum labels the database had at login: what the export's filters offer. */
  public DatabaseLabels labels() {
    return labels;
  }

  public ExportResult export(ExportRequest request, Path target) {
    return export(request, target, ExportListener.NONE, new ExportCancellation());
  }

  /**
   * Writes {@code request} to {@code target}, replacing it only when complete. On failure or
   * cancellation neither the target nor a temporary file is left (an existing target is kept).
   *
   * @throws ExportCancelledException when cancelled
   * @throws ExportFailedException when the file cannot be written
   */
  public ExportResult export(
      ExportRequest request, Path target, ExportListener listener, ExportCancellation cancellation) {
    ExportListener progressTo = listener == null ? ExportListener.NONE : listener;
    ExportCancellation cancel = cancellation == null ? new ExportCancellation() : cancellation;
    Progress progress = new Progress(progressTo);
    try (ExportTarget file = ExportTarget.open(target)) {
      try {
        if (request.byteOrderMark()) {
          file.write(BOM);
        }
        long rows =
            request.report() == ExportReport.SEARCH_RESULTS
                ? writeSearchResults(request, file, progress, cancel)
                : copy(request, file, progress, cancel);
        stopIfCancelled(cancel, null);
        Path written = file.commit();
        ExportResult result = new ExportResult(written, rows, file.bytes(), progress.elapsed());
        progress.report(rows, file.bytes());
        LOG.info("Exported {} rows of {} to {} in {} ms", rows, request.report().label(), written,
            result.elapsed().toMillis());
        return result;
      } catch (IOException e) {
        throw ExportTarget.failure(e, file.target());
      }
    }
  }

  /**
   * The SELECT that a ledger or daily-usage export turns into CSV, for showing or for running
   * elsewhere (the benchmark hands it to psql).
   */
  public static String sql(ExportRequest request) {
    return ExportSql.select(request);
  }

  /** Asks the database what this login's grants let it export (one cheap query, no table read). */
  public ExportPermissions permissions() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT has_table_privilege('public.\"CreditTransaction\"', 'SELECT'),"
                    + " (SELECT count(*) = cardinality(?::text[]) FROM pg_attribute a"
                    + " WHERE a.attrelid = to_regclass('public.\"User\"') AND a.attnum > 0"
                    + " AND NOT a.attisdropped AND a.attname = ANY (?::text[])"
                    + " AND has_column_privilege(a.attrelid, a.attnum, 'SELECT'))")) {
      // The search reads the other columns where they exist and it may; it needs these two.
      java.sql.Array required = c.createArrayOf("text", UserRows.REQUIRED.toArray());
      s.setArray(1, required);
      s.setArray(2, required);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new ExportPermissions(rs.getBoolean(1), rs.getBoolean(2));
      }
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e);
    }
  }

  /** The planner's estimate of the rows {@code request} exports (cheap, can be off), or -1. */
  public long estimateRows(ExportRequest request) {
    if (request.report() == ExportReport.SEARCH_RESULTS) {
      return -1;
    }
    try (Connection c = dataSource.getConnection()) {
      return estimate(c, ExportSql.select(request));
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e);
    }
  }

  private static long estimate(Connection c, String select) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + select)) {
      if (!rs.next()) {
        return -1;
      }
      JsonNode plan = JSON.readTree(rs.getString(1)).path(0).path("Plan").path("Plan Rows");
      return plan.isNumber() ? plan.asLong() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private long copy(
      ExportRequest request, ExportTarget file, Progress progress, ExportCancellation cancel)
      throws IOException {
    String select = ExportSql.select(request);
    Connection c = null;
    boolean discard = false;
    try {
      c = dataSource.getConnection();
      // A stream may go quiet while the server scans; longer than this without data, it is lost.
      // (The pool restores the connection's own read timeout when it is returned.)
      c.setNetworkTimeout(Runnable::run, ConnectionSettings.exportSilenceSeconds() * 1000);
      PGConnection pg = c.unwrap(PGConnection.class);
      // While the server plans, waits for a lock or sorts, no row arrives to check the flag
      // between: cancel the statement itself.
      cancel.whileRunning(() -> cancelStatement(pg));
      stopIfCancelled(cancel, null);
      progress.estimate(estimate(c, select));
      stopIfCancelled(cancel, null);
      CopyOut copy = pg.getCopyAPI().copyOut(ExportSql.copy(select));
      CsvLineEnds csv = new CsvLineEnds(file);
      try {
        byte[] data;
        while ((data = copy.readFromCopy()) != null) {
          csv.write(data);
          if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
            discard = true;
            abandon(copy);
            throw new ExportCancelledException(null);
          }
          progress.maybeReport(csv.records() - 1, file.bytes());
        }
        csv.flush();
      } catch (IOException e) {
        discard = true;
        abandon(copy);
        throw e;
      }
      return Math.max(0, csv.records() - 1);
    } catch (SQLException e) {
      discard = true;
      stopIfCancelled(cancel, e);
      if ("57014".equals(e.getSQLState())) {
        throw new DatabaseException(
            "The database stopped the export because it took longer than your login's statement"
                + " timeout allows; no file was written.", e);
      }
      throw translate(e);
    } finally {
      cancel.whileRunning(null);
      release(c, discard || cancel.isCancelled());
    }
  }

  private long writeSearchResults(
      ExportRequest request, ExportTarget file, Progress progress, ExportCancellation cancel)
      throws IOException {
    BufferedWriter text =
        new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 16);
    CSVFormat format =
        CSVFormat.RFC4180.builder().setHeader(request.columns().toArray(new String[0])).get();
    CSVPrinter printer = new CSVPrinter(text, format);
    long rows;
    try {
      rows =
          search.forEachMatch(
              request.searchQuery(),
              u -> {
                if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
                  return false;
                }
                try {
                  printer.printRecord(
                      u.id(),
                      CsvText.neutralise(u.email()),
                      CsvText.neutralise(u.name()),
                      u.level() == null ? null : u.level().dbValue(),
                      u.status() == null ? null : u.status().dbValue(),
                      u.freeCredits(),
                      u.freeChatMessages(),
                      u.credits().webApp(),
                      u.chatMessages().webApp(),
                      unset(u),
                      u.plan().label(),
                      u.plan().known() ? u.plan().unlimited() : null,
                      u.plan().until() == null
                          ? null
                          : u.plan().until().toLocalDate().toString());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                progress.maybeReport(printer.getRecordCount(), file.bytes());
                return true;
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (JDBCException e) {
      // A cancel that comes while the query waits (a lock, say) is still a cancel.
      stopIfCancelled(cancel, e);
      throw translate(e.getSQLException());
    }
    stopIfCancelled(cancel, null);
    printer.flush();
    return rows;
  }

  /** Which balances are NULL (never set): "", "free_credits", "free_chat_messages" or both. */
  private static String unset(UserSummary u) {
    List<String> names = new ArrayList<>(2);
    if (u.credits().unset()) {
      names.add(Balance.CREDITS.column());
    }
    if (u.chatMessages().unset()) {
      names.add(Balance.CHAT_MESSAGES.column());
    }
    return String.join(" ", names);
  }

  /** A refused read says what it means for the export; other failures as everywhere. */
  private static CreditdeskException translate(SQLException e) {
    if ("42501".equals(e.getSQLState())) {
      return new PermissionDeniedException(
          "Your login may not read what this export needs (" + firstLine(e.getMessage())
              + "); no file was written. Ask a database owner for the grant.", e);
    }
    return DatabaseErrors.translate(e);
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    if (m.startsWith("ERROR: ")) {
      m = m.substring("ERROR: ".length());
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static void stopIfCancelled(ExportCancellation cancel, Throwable cause) {
    if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
      throw new ExportCancelledException(cause);
    }
  }

  /** Stops a COPY that is still sending and reads what is already on its way. */
  private static void abandon(CopyOut copy) {
    try {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
      while (copy.readFromCopy() != null) {
        // discard
      }
    } catch (SQLException expected) {
      // "canceling statement due to user request", or the connection is gone
    }
  }

  private static void cancelStatement(PGConnection pg) {
    try {
      pg.cancelQuery();
    } catch (SQLException e) {
      LOG.debug("Cancel request failed: {}", e.getMessage());
    }
  }

  /**
   * Returns the connection to the pool, or drops it after a cancel: a cancel request that reaches
   * the server late would otherwise stop the next statement run on the same connection.
   */
  private void release(Connection c, boolean discard) {
    if (c == null) {
      return;
    }
    if (discard && dataSource instanceof HikariDataSource pool) {
      pool.evictConnection(c);
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("Closing export connection: {}", e.getMessage());
    }
  }

  /** Turns counts into {@link ExportProgress} a few times a second. */
  private static final class Progress {
    private final ExportListener listener;
    private final long start = System.nanoTime();
    private long lastReport = start;
    private long estimated = -1;
    private long checks;

    Progress(ExportListener listener) {
      this.listener = listener;
    }

    void estimate(long rows) {
      estimated = rows;
      report(0, 0);
    }

    void maybeReport(long rows, long bytes) {
      // nanoTime is cheap but not free: look at the clock every 256 rows.
      if ((++checks & 0xFF) != 0) {
        return;
      }
      long now = System.nanoTime();
      if (now - lastReport >= PROGRESS_EVERY_NANOS) {
        lastReport = now;
        listener.progress(new ExportProgress(rows, estimated, bytes, Duration.ofNanos(now - start)));
      }
    }

    void report(long rows, long bytes) {
      listener.progress(new ExportProgress(rows, estimated, bytes, elapsed()));
    }

    Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }
}
