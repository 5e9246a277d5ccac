package creditdesk.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production-shaped demo and benchmark data, generated inside PostgreSQL with set-based SQL.
 *
 * <p>The data is made the way the web app makes it (docs/shared-database.md, "How the web app
 * writes"): users start with the column defaults, deductions only happen when the balance covers
 * them and never for paid or demo users, failed operations are refunded, and the ledger is incomplete in
 * the two ways production's is: some deductions lost their ledger row, and refunds were not logged
 * before the web app started logging them (and a few not after). Every final balance is exactly
 * {@code start + grants + refunds - deductions}, logged or not, and never negative; the ledger's
 * own running balance per user never goes negative either.
 *
 * <p>Everything except the row ids is a pure function of the seed and the anchor time, so a seed
 * reproduces the same data. It all runs in one transaction as the database owner.
 */
public final class DemoData {
  /** The web app's column defaults, which every non-legacy user started with. */
  public static final int START_CREDITS = 10;

  public static final int START_CHAT_MESSAGES = 20;

  /** The seed {@link #loadIfEmpty} uses, so every fresh install shows the same people. */
  public static final long DEFAULT_SEED = 20_240_601L;

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  /**
   * Candidate actions per ledger row wanted: some actions are never charged (paid users, legacy
   * NULL balances, users who ran out), measured on the demo and benchmark sizes.
   */
  private static final double CANDIDATES_PER_ROW = 1.11;

  private static final SecureRandom RUN_NONCE = new SecureRandom();

  private static final DateTimeFormatter SQL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private DemoData() {}

  /** How much to generate: users, about this many ledger rows, spread over the last months. */
  public record Size(int users, long ledgerRows, int months) {
    /** The embedded default's demo data. */
    public static final Size DEMO = new Size(5_000, 200_000, 12);

    /** The benchmark size. */
    public static final Size BENCHMARK = new Size(1_000_000, 10_000_000, 12);

    public Size {
      if (users < 1 || users > 50_000_000) {
        throw new IllegalArgumentException("users must be 1 to 50,000,000: " + users);
      }
      if (ledgerRows < 0 || ledgerRows > 1_000_000_000L) {
        throw new IllegalArgumentException("ledgerRows must be 0 to 1,000,000,000: " + ledgerRows);
      }
      if (months < 1 || months > 120) {
        throw new IllegalArgumentException("months must be 1 to 120: " + months);
      }
    }
  }

  /** What was generated and how long it took. */
  public record Summary(long users, long ledgerRows, Duration elapsed) {}

  /**
   * Loads the demo size (seed {@link #DEFAULT_SEED}) if "User" has no rows. Safe to call on every
   * start: a concurrent or repeated call does nothing, an interrupted one leaves nothing behind.
   *
   * @return true when demo data was loaded
   */
  public static boolean loadIfEmpty(DataSource owner) {
    return loadIfEmpty(owner, Size.DEMO, DEFAULT_SEED);
  }

  /** True while "User" has no rows: the first start, before demo data. */
  public static boolean isEmpty(DataSource owner) {
    try (Connection c = owner.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM public.\"User\")")) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the demo database: " + e.getMessage(), e);
    }
  }

  static boolean loadIfEmpty(DataSource owner, Size size, long seed) {
    Summary summary = run(owner, size, seed, defaultAnchor(), true);
    return summary != null;
  }

  /** Generates {@code size} more users with their ledger, whatever is already there. */
  public static Summary generate(DataSource owner, Size size, long seed) {
    return generate(owner, size, seed, defaultAnchor());
  }

  /**
   * As {@link #generate(DataSource, Size, long)}, with all timestamps before {@code until} (UTC,
   * without time zone): the same seed and anchor give the same data.
   */
  public static Summary generate(DataSource owner, Size size, long seed, LocalDateTime until) {
    return run(owner, size, seed, until.truncatedTo(ChronoUnit.SECONDS), false);
  }

  /** The start of the current hour in UTC: stable across a run, and never in the future. */
  private static LocalDateTime defaultAnchor() {
    return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
  }

  private static Summary run(
      DataSource owner, Size size, long seed, LocalDateTime anchor, boolean onlyIfEmpty) {
    long started = System.nanoTime();
    long users;
    long rows;
    try (Connection c = owner.getConnection()) {
      tryRaiseTempBuffers(c);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // One loader at a time; the emptiness check and the load are one transaction.
        s.execute("SELECT pg_advisory_xact_lock(hashtext('creditdesk.demo_data'))");
        if (onlyIfEmpty && exists(s, "SELECT EXISTS (SELECT 1 FROM public.\"User\")")) {
          c.rollback();
          return null;
        }
        // A deliberate bulk load by the owner: no per-statement limit, room to sort in memory.
        s.execute("SET LOCAL statement_timeout = 0");
        s.execute("SET LOCAL work_mem = '256MB'");
        s.execute("SET LOCAL search_path = public, pg_temp");
        long candidates = Math.round(size.ledgerRows() * CANDIDATES_PER_ROW);
        // Temp tables built in order, each from the ones before; then the two inserts.
        step(s, "functions", functions(seed, RUN_NONCE.nextLong()));
        step(s, "parameters", parameters(seed, size, candidates, anchor));
        step(s, "users", sql("users"));
        step(s, "actions", sql("actions"));
        step(s, "grants", sql("grants"));
        step(s, "ledger", sql("ledger"));
        users = step(s, "insert users", sql("insert-users"));
        rows = 0;
        String insertLedger = sql("insert-ledger");
        for (String batch : batches(s)) {
          rows += step(s, "insert ledger " + batch, insertLedger.formatted(batch));
        }
        step(s, "analyze", "ANALYZE public.\"User\", public.\"CreditTransaction\"");
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not generate demo data: " + e.getMessage(), e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    LOG.info(
        "Demo data: {} users and {} ledger rows over {} months (seed {}) in {} ms",
        users,
        rows,
        size.months(),
        seed,
        elapsed.toMillis());
    return new Summary(users, rows, elapsed);
  }

  /** Temp tables of a large run spill less with more local buffers; only possible before use. */
  private static void tryRaiseTempBuffers(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("SET temp_buffers = '256MB'");
    } catch (SQLException e) {
      LOG.debug("temp_buffers unchanged: {}", e.getMessage());
    }
  }

  private static boolean exists(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static long step(Statement s, String name, String sql) throws SQLException {
    long t = System.nanoTime();
    s.execute(sql);
    long count = Math.max(0, s.getUpdateCount());
    LOG.debug("demo data {}: {} rows in {} ms", name, count, (System.nanoTime() - t) / 1_000_000);
    return count;
  }

  /** Month-sized slices of the ledger, so a large insert reports progress and keeps memory flat. */
  private static List<String> batches(Statement s) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery("SELECT DISTINCT batch FROM demo_tx WHERE logged ORDER BY 1")) {
      while (rs.next()) {
        out.add(Integer.toString(rs.getInt(1)));
      }
    }
    return out;
  }

  /** The seeded hash functions (pg_temp), the nonce salting the row ids of this run. */
  private static String functions(long seed, long nonce) {
    return String.format(Locale.ROOT, sql("functions"), seed, nonce);
  }

  /** The run's one-row parameter table: sizes, seed and the timeline around the anchor. */
  private static String parameters(
      long seed, Size size, long candidates, LocalDateTime anchor) {
    return String.format(
        Locale.ROOT,
        sql("parameters"),
        seed,
        size.users(),
        candidates,
        size.months(),
        SQL_TIMESTAMP.format(anchor));
  }

  /** A script of src/main/resources/demo-data, read once per run; its comments say why. */
  private static String sql(String name) {
    String path = "/demo-data/" + name + ".sql";
    try (InputStream in = DemoData.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }
}
