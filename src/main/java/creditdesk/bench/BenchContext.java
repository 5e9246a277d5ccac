package creditdesk.bench;

import creditdesk.db.ConnectionSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** What every section shares: the owner's database, the run's options, and small queries. */
final class BenchContext {
  static final String BENCH_LOGIN = "bench_admin";
  private static final String BENCH_PASSWORD = "bench-password-1";
  static final String HEAVY_EMAIL = "bench.heavy@example.com";

  private final DataSource owner;
  private final ConnectionSettings ownerSettings;
  private final BenchmarkRunner.Options options;
  private final Consumer<String> log;

  BenchContext(DataSource owner, ConnectionSettings ownerSettings, BenchmarkRunner.Options options,
      Consumer<String> log) {
    this.owner = owner;
    this.ownerSettings = ownerSettings;
    this.options = options;
    this.log = log;
  }

  DataSource owner() {
    return owner;
  }

  ConnectionSettings ownerSettings() {
    return ownerSettings;
  }

  BenchmarkRunner.Options options() {
    return options;
  }

  void log(String line) {
    log.accept(line);
  }

  /** The bench's own admin staff login (made by {@link BenchData}). */
  ConnectionSettings admin() {
    return ownerSettings.withUser(BENCH_LOGIN, BENCH_PASSWORD.toCharArray());
  }

  char[] adminPassword() {
    return BENCH_PASSWORD.toCharArray();
  }

  /**
   * The owner without the console's 5-minute socket read timeout: at full size single statements
   * of the generation run longer than that.
   */
  DataSource withoutReadTimeout() throws SQLException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(ownerSettings.jdbcUrl());
    Properties p = ownerSettings.jdbcProperties();
    for (String name : p.stringPropertyNames()) {
      ds.setProperty(name, p.getProperty(name));
    }
    ds.setSocketTimeout(0);
    return ds;
  }

  interface Work {
    void run() throws Exception;
  }

  /** Milliseconds of each repetition, after one warm-up run. */
  double[] time(Work work) throws Exception {
    work.run(); // warm-up
    double[] samples = new double[options.repetitions()];
    for (int i = 0; i < samples.length; i++) {
      long t = System.nanoTime();
      work.run();
      samples[i] = (System.nanoTime() - t) / 1e6;
    }
    return samples;
  }

  /** The user with {@code historyRows} ledger rows, or null before {@link BenchData} adds it. */
  UUID heavyUser() throws SQLException {
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT id FROM public.\"User\" WHERE email = '" + HEAVY_EMAIL + "' LIMIT 1")) {
      return rs.next() ? rs.getObject(1, UUID.class) : null;
    }
  }

  /** The ids the query's first column lists. */
  List<UUID> ids(String sql) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  String sample(String sql) throws SQLException {
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  long count(String sql) throws SQLException {
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Setup statements (the heavy user's rows, ANALYZE) may take minutes at full size. */
  void execute(String sql) throws SQLException {
    try (Connection c = withoutReadTimeout().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
