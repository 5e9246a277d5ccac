package creditdesk.bench;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.ConnectionSettings;
import creditdesk.db.DemoData;
import creditdesk.db.Pools;
import creditdesk.domain.FeatureType;
import creditdesk.domain.StaffRole;
import creditdesk.service.AdjustmentRequest;
import creditdesk.service.AdjustmentService;
import creditdesk.service.HistoryFilter;
import creditdesk.service.HistoryPage;
import creditdesk.service.HistoryService;
import creditdesk.service.LoginService;
import creditdesk.service.StaffService;
import creditdesk.service.StaffSession;
import creditdesk.service.UserSearchService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Measures creditdesk's read and write paths on a production-shaped database, each beside a
 * baseline run in the same process on the same data, and reports medians and ratios.
 */
public final class BenchmarkRunner {
  /**
   * Sizes and repetitions of one run. {@code exportRuns} and {@code consoleRuns} of 0 leave those
   * lines out as "skipped" (each starts other processes).
   */
  public record Options(
      int users, long ledgerRows, int historyRows, int[] depths, int repetitions,
      int admins, int webAppThreads, int grantSeconds, int exportRuns, int consoleRuns,
      int triggerRows) {
    /**
     * Seconds, for the test suite: every measurement runs, the figures mean little. The export
     * runs once (child JVM and psql included); console start is left out (it needs a display and
     * three embedded PostgreSQL starts).
     */
    public static Options smoke() {
      return new Options(300, 3_000, 1_000, new int[] {1, 10}, 2, 2, 4, 1, 1, 0, 100);
    }

    public static Options small() {
      return new Options(5_000, 200_000, 20_000, new int[] {1, 100, 900}, 7, 8, 32, 5, 3, 3, 2_000);
    }

    public static Options full() {
      return new Options(1_000_000, 10_000_000, 210_000, new int[] {1, 100, 10_000}, 7, 8, 32, 20, 3, 3,
          10_000);
    }

    /** These options with other data sizes (null keeps the size's own). */
    public Options withSizes(Integer newUsers, Long newLedgerRows) {
      return new Options(newUsers == null ? users : newUsers,
          newLedgerRows == null ? ledgerRows : newLedgerRows, historyRows, depths, repetitions,
          admins, webAppThreads, grantSeconds, exportRuns, consoleRuns, triggerRows);
    }
  }

  static final int HISTORY_PAGE = 20;
  private static final String BENCH_LOGIN = "bench_admin";
  private static final String BENCH_PASSWORD = "bench-password-1";
  /** Plays the web app's own login: no creditdesk group, no superuser, no password (never logs in). */
  private static final String BENCH_WEBAPP = "bench_webapp";

  private final DataSource owner;
  private final ConnectionSettings ownerSettings;
  private final Options options;
  private final Consumer<String> log;
  private final Consumer<Measurement> measured;

  public BenchmarkRunner(
      DataSource owner, ConnectionSettings ownerSettings, Options options, Consumer<String> log) {
    this(owner, ownerSettings, options, log, m -> { });
  }

  /**
   * @param measured called with each line as soon as it is measured, so a long run's report can
   *     be written as it goes
   */
  public BenchmarkRunner(DataSource owner, ConnectionSettings ownerSettings, Options options,
      Consumer<String> log, Consumer<Measurement> measured) {
    this.owner = owner;
    this.ownerSettings = ownerSettings;
    this.options = options;
    this.log = log;
    this.measured = measured;
  }

  public List<Measurement> run() throws Exception {
    List<Measurement> results = new ArrayList<>();
    Consumer<List<Measurement>> add = ms -> ms.forEach(m -> {
      results.add(m);
      measured.accept(m);
    });
    prepareData();
    ConnectionSettings admin = ownerSettings.withUser(BENCH_LOGIN, BENCH_PASSWORD.toCharArray());
    long loginStart = System.nanoTime();
    try (StaffSession session = new LoginService().login(admin)) {
      UserSearchService search = new UserSearchService(session.sessionFactory());
      search.search("gmail", 0);
      double loginToFirstResult = millis(loginStart);
      add.accept(List.of(new Measurement("login to first search result", "ms", loginToFirstResult,
          Double.NaN, "LoginService.login (pool, role, schema check, Hibernate validation) + search")));
      add.accept(searches(search, session.dataSource()));
      add.accept(history(new HistoryService(session.sessionFactory()), session.dataSource()));
      add.accept(grants());
    }
    // Needs the owner of the web app's tables (it disables a trigger for the baseline).
    add.accept(orFailed("web-app writes with creditdesk triggers", this::webAppWritesUnderTriggers));
    add.accept(orFailed("ledger export to CSV", () -> options.exportRuns() == 0
        ? List.of(Measurement.skipped("ledger export to CSV", "not at this size"))
        : new ExportComparison(owner, ownerSettings, options.exportRuns(), log).run()));
    add.accept(orFailed(ConsoleStart.NAME, () -> options.consoleRuns() == 0
        ? List.of(Measurement.skipped(ConsoleStart.NAME, "not at this size"))
        : new ConsoleStart(options.consoleRuns(), log).run()));
    return results;
  }

  private interface Section {
    List<Measurement> run() throws Exception;
  }

  /** Lines that start other processes report their failure instead of losing the whole run. */
  private List<Measurement> orFailed(String name, Section section) throws InterruptedException {
    try {
      return section.run();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      log.accept(name + " failed: " + e.getMessage());
      return List.of(Measurement.failed(name, String.valueOf(e.getMessage()).replaceAll("\\s+", " ")));
    }
  }

  /**
   * The owner without the console's 5-minute socket read timeout: at full size single statements
   * of the generation run longer than that.
   */
  private DataSource withoutReadTimeout() throws SQLException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(ownerSettings.jdbcUrl());
    Properties p = ownerSettings.jdbcProperties();
    for (String name : p.stringPropertyNames()) {
      ds.setProperty(name, p.getProperty(name));
    }
    ds.setSocketTimeout(0);
    return ds;
  }

  private void prepareData() throws SQLException {
    long users = count("SELECT count(*) FROM public.\"User\"");
    long rows = count("SELECT count(*) FROM public.\"CreditTransaction\"");
    if (users < options.users()) {
      // Tops up to the sizes asked for, so a kept database is reused and only extended.
      long moreRows = Math.max(0, options.ledgerRows() - rows);
      log.accept(String.format("Generating %,d users and %,d ledger rows…", options.users() - users,
          moreRows));
      DemoData.Summary s = DemoData.generate(withoutReadTimeout(),
          new DemoData.Size((int) (options.users() - users), moreRows, 12), 7L);
      log.accept(String.format("Generated %,d users, %,d rows in %s", s.users(), s.ledgerRows(),
          s.elapsed()));
      try (Connection c = withoutReadTimeout().getConnection(); Statement st = c.createStatement()) {
        st.execute("VACUUM ANALYZE public.\"CreditTransaction\"");
      }
    } else {
      log.accept(String.format("Reusing the data there: %,d users, %,d ledger rows", users, rows));
    }
    if (count("SELECT count(*) FROM pg_roles WHERE rolname = '" + BENCH_LOGIN + "'") == 0) {
      new StaffService(owner).add(BENCH_LOGIN, StaffRole.ADMIN, BENCH_PASSWORD.toCharArray());
    }
    if (heavyUser() == null) {
      log.accept(String.format("Adding a heavy user with %,d ledger rows…", options.historyRows()));
      execute("WITH u AS (INSERT INTO public.\"User\" (email, name, free_credits)"
          + " VALUES ('bench.heavy@example.com', 'Bench Heavy', 1000000) RETURNING id)"
          + " INSERT INTO public.\"CreditTransaction\" (user_id, amount, operation, feature_type,"
          + " metadata, created_at)"
          + " SELECT u.id, 1, 'deduct', 'chat_tool_call', '{\"documentType\":\"bench\"}',"
          + " (now() AT TIME ZONE 'UTC') - make_interval(secs => g)"
          + " FROM u, generate_series(1, " + options.historyRows() + ") g");
      execute("ANALYZE public.\"User\"");
      execute("ANALYZE public.\"CreditTransaction\"");
    }
  }

  private List<Measurement> searches(UserSearchService search, DataSource staff) throws Exception {
    List<Measurement> out = new ArrayList<>();
    String emailFragment = sample("SELECT substr(email, 3, 6) FROM public.\"User\""
        + " WHERE length(email) > 10 ORDER BY id LIMIT 1 OFFSET 17");
    String nameFragment = sample("SELECT substr(name, 2, 5) FROM public.\"User\""
        + " WHERE length(name) > 8 ORDER BY id LIMIT 1 OFFSET 23");
    String id = sample("SELECT id::text FROM public.\"User\" ORDER BY id LIMIT 1 OFFSET 31");
    for (String[] q : new String[][] {
        {"user search: email fragment \"" + emailFragment + "\"", emailFragment},
        {"user search: name fragment \"" + nameFragment + "\"", nameFragment},
        {"user search: exact id", id}}) {
      double[] ours = time(() -> search.search(q[1], 0));
      double[] plain = time(() -> plainScan(staff, q[1]));
      out.add(new Measurement(q[0], "ms", Measurement.median(ours), Measurement.median(plain),
          "baseline: ILIKE '%…%' on email, name and id text, sequential scan"));
    }
    return out;
  }

  /** The naive query a console without indexes would run. */
  private static void plainScan(DataSource staff, String text) throws SQLException {
    try (Connection c = staff.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL enable_indexscan = off");
        s.execute("SET LOCAL enable_bitmapscan = off");
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, email, name, level, status, free_credits, free_chat_messages"
              + " FROM public.\"User\" WHERE email ILIKE ? OR name ILIKE ? OR id::text ILIKE ?"
              + " ORDER BY email LIMIT 51")) {
        String p = "%" + UserSearchService.escapeLike(text) + "%";
        ps.setString(1, p);
        ps.setString(2, p);
        ps.setString(3, p);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getString(2);
          }
        }
      }
      c.rollback();
    }
  }

  private List<Measurement> history(HistoryService history, DataSource staff) throws Exception {
    UUID heavy = heavyUser();
    List<Measurement> out = new ArrayList<>();
    for (int depth : options.depths()) {
      // Walk to the page once (not timed), then time fetching that page by key and by OFFSET.
      HistoryPage.Cursor cursor = null;
      if (depth > 1) {
        cursor = cursorAt(staff, heavy, (long) (depth - 1) * HISTORY_PAGE);
      }
      HistoryPage.Cursor at = cursor;
      double[] keyset = time(() -> history.page(heavy, HistoryFilter.NONE, at, HISTORY_PAGE));
      long offset = (long) (depth - 1) * HISTORY_PAGE;
      double[] byOffset = time(() -> offsetPage(staff, heavy, offset));
      out.add(new Measurement("history page " + depth + " (" + HISTORY_PAGE + " rows)", "ms",
          Measurement.median(keyset), Measurement.median(byOffset),
          "baseline: same page by LIMIT/OFFSET " + offset));
    }
    return out;
  }

  private static HistoryPage.Cursor cursorAt(DataSource ds, UUID user, long skip) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT created_at, id FROM public.\"CreditTransaction\" WHERE user_id = ?"
                + " ORDER BY created_at DESC, id DESC OFFSET ? LIMIT 1")) {
      ps.setObject(1, user);
      ps.setLong(2, skip - 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new HistoryPage.Cursor(
            rs.getObject(1, java.time.LocalDateTime.class), rs.getObject(2, UUID.class));
      }
    }
  }

  private static void offsetPage(DataSource ds, UUID user, long offset) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT * FROM public.\"CreditTransaction\" WHERE user_id = ?"
                + " ORDER BY created_at DESC, id DESC OFFSET ? LIMIT ?")) {
      ps.setObject(1, user);
      ps.setLong(2, offset);
      ps.setInt(3, HISTORY_PAGE + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getString(7);
        }
      }
    }
  }

  /** Grant throughput and p99 with admins racing web-app deductions, vs bare JDBC doing the same. */
  private List<Measurement> grants() throws Exception {
    List<UUID> users = new ArrayList<>();
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM public.\"User\" WHERE level = 'free'"
            + " AND free_credits IS NOT NULL ORDER BY id LIMIT 16")) {
      while (rs.next()) {
        users.add(rs.getObject(1, UUID.class));
      }
    }
    ConnectionSettings admin = ownerSettings.withUser(BENCH_LOGIN, BENCH_PASSWORD.toCharArray());
    double[] ours;
    double[] bare;
    try (HikariDataSource pool = Pools.open(admin, "bench-grants", options.admins())) {
      AdjustmentService service = new AdjustmentService(pool);
      String run = UUID.randomUUID().toString();
      ours = concurrentGrants(users, i -> service.apply(AdjustmentRequest.grant(
          users.get(i % users.size()), FeatureType.CHAT_TOOL_CALL, 1, "benchmark grant", null,
          run + "-" + i)));
    }
    try (HikariDataSource pool = Pools.open(ownerSettings, "bench-bare", options.admins())) {
      bare = concurrentGrants(users, i -> bareGrant(pool, users.get(i % users.size())));
    }
    double seconds = options.grantSeconds();
    List<Measurement> out = new ArrayList<>();
    out.add(new Measurement(
        "grant throughput (" + options.admins() + " admins, " + options.webAppThreads()
            + " web-app deductions)", "grants/s", ours.length / seconds, bare.length / seconds,
        "baseline: bare UPDATE + INSERT over plain JDBC; for a rate, ratio > 1 means the baseline does more"));
    out.add(new Measurement("grant latency p99", "ms", Measurement.percentile(ours, 99),
        Measurement.percentile(bare, 99), "same run"));
    out.add(new Measurement("grant latency median", "ms", Measurement.median(ours),
        Measurement.median(bare), "same run"));
    return out;
  }

  private interface Grant {
    void apply(int i) throws Exception;
  }

  private double[] concurrentGrants(List<UUID> users, Grant grant) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(options.admins() + options.webAppThreads());
    long end = System.nanoTime() + options.grantSeconds() * 1_000_000_000L;
    AtomicLong counter = new AtomicLong();
    List<Future<List<Double>>> admins = new ArrayList<>();
    List<Future<?>> webApp = new ArrayList<>();
    try (HikariDataSource web = Pools.open(ownerSettings, "bench-webapp", options.webAppThreads())) {
      for (int w = 0; w < options.webAppThreads(); w++) {
        int seed = w;
        webApp.add(threads.submit(() -> {
          try (Connection c = web.getConnection();
              PreparedStatement ps = c.prepareStatement(
                  "UPDATE public.\"User\" SET free_credits = free_credits - 1"
                      + " WHERE id = ? AND free_credits >= 1 RETURNING free_credits")) {
            int n = seed;
            while (System.nanoTime() < end) {
              ps.setObject(1, users.get(n++ % users.size()));
              ps.executeQuery().close();
            }
          }
          return null;
        }));
      }
      for (int a = 0; a < options.admins(); a++) {
        admins.add(threads.submit(() -> {
          List<Double> latencies = new ArrayList<>();
          while (System.nanoTime() < end) {
            long t = System.nanoTime();
            grant.apply((int) counter.getAndIncrement());
            latencies.add((System.nanoTime() - t) / 1e6);
          }
          return latencies;
        }));
      }
      List<Double> all = new ArrayList<>();
      for (Future<List<Double>> f : admins) {
        all.addAll(f.get());
      }
      for (Future<?> f : webApp) {
        f.get();
      }
      return all.stream().mapToDouble(Double::doubleValue).toArray();
    } finally {
      threads.shutdownNow();
    }
  }

  private static void bareGrant(DataSource ds, UUID user) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up = c.prepareStatement(
              "UPDATE public.\"User\" SET free_credits = COALESCE(free_credits, 0) + 1 WHERE id = ?");
          PreparedStatement in = c.prepareStatement(
              "INSERT INTO public.\"CreditTransaction\" (user_id, amount, operation, feature_type,"
                  + " metadata) VALUES (?, 1, 'grant', 'chat_tool_call', '{\"source\":\"bare\"}')")) {
        up.setObject(1, user);
        up.executeUpdate();
        in.setObject(1, user);
        in.executeUpdate();
      }
      c.commit();
    }
  }

  /**
   * What creditdesk's triggers cost the web app per statement: its exact ledger INSERT and balance
   * UPDATE, each its own autocommit statement as the web app sends them, with the creditdesk
   * triggers enabled, beside the same statements while the owner has that one trigger disabled
   * (re-enabled at once after). Once as an ordinary login in no creditdesk group (the usual web
   * app) and once as the owner's own session (a superuser on the embedded database, which the
   * check must also settle quickly). synchronous_commit is off in that session so that the
   * figure is the statements' work, not the disk's flush. The rows go to scratch users that are
   * deleted afterwards (their ledger rows go with them, as on erasure).
   */
  private List<Measurement> webAppWritesUnderTriggers() throws Exception {
    boolean superuser = count("SELECT count(*) FROM pg_roles WHERE rolname = current_user"
        + " AND rolsuper") > 0;
    if (superuser) {
      if (count("SELECT count(*) FROM pg_roles WHERE rolname = '" + BENCH_WEBAPP + "'") == 0) {
        execute("CREATE ROLE " + BENCH_WEBAPP + " NOLOGIN");
      }
      execute("GRANT SELECT, INSERT, UPDATE ON public.\"User\", public.\"CreditTransaction\" TO "
          + BENCH_WEBAPP);
    }
    execute("DELETE FROM public.\"User\" WHERE email LIKE 'bench.trigger.%@example.com'");
    execute("INSERT INTO public.\"User\" (email, name, free_credits)"
        + " SELECT 'bench.trigger.' || g || '@example.com', 'Bench Trigger', 100000000"
        + " FROM generate_series(1, 100) g");
    List<UUID> users = new ArrayList<>();
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM public.\"User\""
            + " WHERE email LIKE 'bench.trigger.%@example.com'")) {
      while (rs.next()) {
        users.add(rs.getObject(1, UUID.class));
      }
    }
    List<Measurement> out = new ArrayList<>();
    try {
      List<String> sessions = new ArrayList<>();
      if (superuser) {
        sessions.add(BENCH_WEBAPP);
      }
      sessions.add(null);
      for (String session : sessions) {
        String who = session == null ? "as the owner" + (superuser ? " (superuser)" : "")
            : "as an ordinary web-app login";
        for (boolean ledger : new boolean[] {true, false}) {
          webAppStatements(users, session, ledger, true); // warm-up
          double[] with = new double[options.repetitions()];
          double[] without = new double[options.repetitions()];
          for (int i = 0; i < with.length; i++) { // interleaved, so load changes hit both alike
            with[i] = webAppStatements(users, session, ledger, true);
            without[i] = webAppStatements(users, session, ledger, false);
          }
          out.add(new Measurement(
              (ledger ? "web-app ledger insert" : "web-app balance update")
                  + " with creditdesk triggers vs without, " + who, "µs/statement",
              Measurement.median(with), Measurement.median(without),
              "baseline: the same " + String.format("%,d", options.triggerRows())
                  + " autocommit statements with the creditdesk " + (ledger ? "ledger" : "audit")
                  + " trigger disabled; ratio < 1 is the triggers' cost"));
        }
      }
    } finally {
      execute("DELETE FROM public.\"User\" WHERE email LIKE 'bench.trigger.%@example.com'");
    }
    return out;
  }

  /** Microseconds per statement of one run of the web app's statements. */
  private double webAppStatements(List<UUID> users, String session, boolean ledger,
      boolean triggers) throws SQLException {
    String trigger = ledger
        ? "public.\"CreditTransaction\" %s TRIGGER creditdesk_ledger_actor"
        : "public.\"User\" %s TRIGGER creditdesk_balance_audit";
    if (!triggers) {
      execute("ALTER TABLE " + String.format(trigger, "DISABLE"));
    }
    try (Connection c = owner.getConnection()) {
      try {
        try (Statement s = c.createStatement()) {
          s.execute("SET synchronous_commit = off");
          if (session != null) {
            s.execute("SET SESSION AUTHORIZATION " + session);
          }
        }
        // The web app's statements exactly (docs/shared-database.md, TestDatabase.webAppDeduct).
        try (PreparedStatement ps = c.prepareStatement(ledger
            ? "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
                + " VALUES (?, ?, 'deduct', ?::feature_type, '{\"documentType\":\"weekly_report\"}')"
            : "UPDATE \"User\" SET free_credits = free_credits - ? WHERE id = ? AND free_credits >= ?")) {
          long start = System.nanoTime();
          for (int i = 0; i < options.triggerRows(); i++) {
            UUID user = users.get(i % users.size());
            if (ledger) {
              ps.setObject(1, user);
              ps.setInt(2, 1);
              ps.setString(3, "document_generation");
            } else {
              ps.setInt(1, 1);
              ps.setObject(2, user);
              ps.setInt(3, 1);
            }
            ps.executeUpdate();
          }
          return (System.nanoTime() - start) / 1e3 / options.triggerRows();
        }
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("RESET SESSION AUTHORIZATION");
          s.execute("RESET synchronous_commit");
        }
      }
    } finally {
      if (!triggers) {
        execute("ALTER TABLE " + String.format(trigger, "ENABLE"));
      }
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private double[] time(Work work) throws Exception {
    work.run(); // warm-up
    double[] samples = new double[options.repetitions()];
    for (int i = 0; i < samples.length; i++) {
      long t = System.nanoTime();
      work.run();
      samples[i] = (System.nanoTime() - t) / 1e6;
    }
    return samples;
  }

  private static double millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private UUID heavyUser() throws SQLException {
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT id FROM public.\"User\" WHERE email = 'bench.heavy@example.com' LIMIT 1")) {
      return rs.next() ? rs.getObject(1, UUID.class) : null;
    }
  }

  private String sample(String sql) throws SQLException {
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Setup statements (the heavy user's rows, ANALYZE) may take minutes at full size. */
  private void execute(String sql) throws SQLException {
    try (Connection c = withoutReadTimeout().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
