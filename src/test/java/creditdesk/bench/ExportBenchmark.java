package creditdesk.bench;

import creditdesk.db.DemoData;
import creditdesk.db.EmbeddedDatabase;
import creditdesk.db.Migrations;
import creditdesk.domain.StaffRole;
import creditdesk.service.ExportCancellation;
import creditdesk.service.ExportFilter;
import creditdesk.service.ExportRequest;
import creditdesk.service.ExportResult;
import creditdesk.service.ExportService;
import creditdesk.service.LoginService;
import creditdesk.service.StaffService;
import creditdesk.service.StaffSession;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Export throughput side by side with {@code psql \copy} of the same query, on the same embedded
 * PostgreSQL, as the same analyst login. Not part of the test suite. Run it with the heap bound
 * the issue sets, e.g.
 *
 * <pre>
 *   mvn -Pbench test-compile exec:exec -Dbench.rows=2000000
 * </pre>
 *
 * (the profile starts {@code java -Xmx256m}). Arguments: ledger rows (default 1,000,000), runs
 * (default 3), and optionally a data directory to keep the generated cluster between runs. Prints
 * the median of each contender, the ratio, and the export's peak heap. With {@code cursor} as
 * fourth argument it also times a JDBC cursor with Commons CSV, the design COPY was chosen over.
 */
public final class ExportBenchmark {
  private static final String DATABASE = "bench";
  private static final String LOGIN = "bench_analyst";
  private static final char[] PASSWORD = "bench-password".toCharArray();

  private ExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000L;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path keep = args.length > 2 && !args[2].isBlank() && !args[2].equals("-") ? Path.of(args[2]) : null;
    boolean cursor = args.length > 3 && args[3].equals("cursor");
    String psql = findPsql();

    Path work = Files.createTempDirectory("creditdesk-bench");
    Path dataDir = keep != null ? keep : work;
    System.out.printf(Locale.ROOT, "heap limit %,d MB; data in %s%n",
        Runtime.getRuntime().maxMemory() >> 20, dataDir);
    try (EmbeddedDatabase pg = EmbeddedDatabase.start(dataDir, DATABASE, keep == null)) {
      new Migrations(pg.ownerDataSource()).migrate();
      long have = count(pg, "SELECT count(*) FROM public.\"CreditTransaction\"");
      if (have < rows * 9 / 10) {
        System.out.printf(Locale.ROOT, "generating %,d ledger rows ...%n", rows - have);
        DemoData.Summary s = DemoData.generate(pg.ownerDataSource(),
            new DemoData.Size((int) Math.max(1_000, (rows - have) / 10), rows - have, 12), 42);
        System.out.printf(Locale.ROOT, "generated %,d users, %,d rows in %.1f s%n",
            s.users(), s.ledgerRows(), s.elapsed().toMillis() / 1000.0);
        try (Connection c = pg.ownerDataSource().getConnection(); Statement st = c.createStatement()) {
          st.execute("VACUUM ANALYZE public.\"CreditTransaction\"");
        }
      }
      if (count(pg, "SELECT count(*) FROM pg_roles WHERE rolname = '" + LOGIN + "'") == 0) {
        new StaffService(pg.ownerDataSource()).add(LOGIN, StaffRole.ANALYST, PASSWORD.clone());
      }
      ExportRequest request = ExportRequest.ledger(
          ExportFilter.between(LocalDate.of(2000, 1, 1), LocalDate.now(ZoneOffset.UTC).plusDays(1)));
      String select = ExportService.sql(request);

      List<Double> export = new ArrayList<>();
      List<Double> copy = new ArrayList<>();
      List<Double> jdbc = new ArrayList<>();
      long exported = 0;
      long peakHeap = 0;
      try (StaffSession session = new LoginService().login(pg.settingsFor(LOGIN, PASSWORD))) {
        ExportService service = new ExportService(session);
        for (int run = 1; run <= runs; run++) {
          Path a = work.resolve("export.csv");
          System.gc();
          resetPeaks();
          long t0 = System.nanoTime();
          ExportResult r = service.export(request, a, p -> { }, new ExportCancellation());
          double seconds = (System.nanoTime() - t0) / 1e9;
          peakHeap = Math.max(peakHeap, peakHeapUsed());
          exported = r.rows();
          export.add(seconds);
          long exportBytes = Files.size(a);
          Files.delete(a);

          Path b = work.resolve("psql.csv");
          seconds = runPsql(psql, pg, select, b);
          copy.add(seconds);
          long psqlBytes = Files.size(b);
          Files.delete(b);
          System.out.printf(Locale.ROOT,
              "run %d: creditdesk export %.2f s (%,d bytes), psql \\copy %.2f s (%,d bytes)%n",
              run, export.get(export.size() - 1), exportBytes, seconds, psqlBytes);

          if (cursor) {
            Path c = work.resolve("cursor.csv");
            jdbc.add(cursorExport(session, select, c));
            Files.delete(c);
            System.out.printf(Locale.ROOT, "run %d: jdbc cursor + commons csv %.2f s%n", run,
                jdbc.get(jdbc.size() - 1));
          }
        }
      }
      double e = median(export);
      double p = median(copy);
      System.out.println();
      System.out.printf(Locale.ROOT, "rows exported          %,d%n", exported);
      System.out.printf(Locale.ROOT, "creditdesk export      median %.2f s  %,.0f rows/s%n", e, exported / e);
      System.out.printf(Locale.ROOT, "psql \\copy             median %.2f s  %,.0f rows/s%n", p, exported / p);
      if (!jdbc.isEmpty()) {
        double j = median(jdbc);
        System.out.printf(Locale.ROOT, "jdbc cursor + csv      median %.2f s  %,.0f rows/s%n", j, exported / j);
      }
      System.out.printf(Locale.ROOT, "throughput ratio       %.2f of psql (goal: at least 0.50)%n", p / e);
      System.out.printf(Locale.ROOT, "peak heap of export    %,d MB (limit %,d MB)%n", peakHeap >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      if (keep == null) {
        deleteTree(work);
      }
    }
  }

  private static double runPsql(String psql, EmbeddedDatabase pg, String select, Path out)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1",
        "-h", "localhost", "-p", Integer.toString(pg.port()), "-U", LOGIN, "-d", DATABASE,
        "-c", "\\copy (" + select + ") TO '" + out + "' CSV HEADER");
    // The password goes through the environment, never the command line.
    pb.environment().put("PGPASSWORD", new String(PASSWORD));
    pb.environment().put("PGOPTIONS", "-c TimeZone=UTC");
    pb.redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process proc = pb.start();
    String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!proc.waitFor(1, TimeUnit.HOURS) || proc.exitValue() != 0) {
      throw new IllegalStateException("psql failed: " + output);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The alternative: a server-side cursor (autocommit off, fetch size) and Commons CSV. */
  private static double cursorExport(StaffSession session, String select, Path out) throws Exception {
    long t0 = System.nanoTime();
    try (Connection c = session.dataSource().getConnection();
        BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(5_000);
        try (ResultSet rs = s.executeQuery(select)) {
          int n = rs.getMetaData().getColumnCount();
          for (int i = 1; i <= n; i++) {
            csv.print(rs.getMetaData().getColumnLabel(i));
          }
          csv.println();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              csv.print(rs.getString(i));
            }
            csv.println();
          }
        }
      }
      c.commit();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String findPsql() {
    for (String candidate : List.of("/usr/bin/psql", "/usr/local/bin/psql")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException("psql is needed for the comparison; install postgresql-client.");
  }

  private static long count(EmbeddedDatabase pg, String sql) throws Exception {
    try (Connection c = pg.ownerDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
  private static long peakHeapUsed() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
