package creditdesk.bench;

import creditdesk.db.ConnectionSettings;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.search.UserSearchService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Measures creditdesk's read and write paths on a production-shaped database, each beside a
 * baseline run in the same process on the same data, and reports medians and ratios. Each
 * section is its own {@link BenchSection}; this class prepares the data and runs them in order.
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
    BenchContext ctx = new BenchContext(owner, ownerSettings, options, log);
    new BenchData(ctx).prepare();
    try (LoginToFirstResult login = new LoginToFirstResult(ctx)) {
      add.accept(login.run());
      StaffSession session = login.session();
      add.accept(new UserSearchBench(ctx, new UserSearchService(session.sessionFactory()),
          session.dataSource()).run());
      add.accept(new HistoryBench(ctx, new HistoryService(session.sessionFactory()),
          session.dataSource()).run());
      add.accept(new GrantsUnderLoad(ctx).run());
    }
    // Needs the owner of the web app's tables (it disables a trigger for the baseline).
    add.accept(orFailed(WebAppWriteCost.NAME, new WebAppWriteCost(ctx)));
    add.accept(orFailed("ledger export to CSV", () -> options.exportRuns() == 0
        ? List.of(Measurement.skipped("ledger export to CSV", "not at this size"))
        : new ExportComparison(owner, ownerSettings, options.exportRuns(), log).run()));
    add.accept(orFailed(ConsoleStart.NAME, () -> options.consoleRuns() == 0
        ? List.of(Measurement.skipped(ConsoleStart.NAME, "not at this size"))
        : new ConsoleStart(options.consoleRuns(), log).run()));
    return results;
  }

  /** Lines that start other processes report their failure instead of losing the whole run. */
  private List<Measurement> orFailed(String name, BenchSection section)
      throws InterruptedException {
    try {
      return section.run();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      log.accept(name + " failed: " + e.getMessage());
      return List.of(Measurement.failed(name, String.valueOf(e.getMessage()).replaceAll("\\s+", " ")));
    }
  }
}
