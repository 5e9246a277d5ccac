package creditdesk.bench;

import creditdesk.db.ConnectionSettings;
import creditdesk.domain.StaffRole;
import creditdesk.service.export.ExportService;
import creditdesk.service.staff.StaffService;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The whole ledger exported to CSV by creditdesk (in a child JVM with {@code -Xmx256m}, so its
 * peak heap is its own) beside {@code psql \copy} of the same query, both as the same analyst
 * login, alternating run by run.
 */
final class ExportComparison {
  static final String LOGIN = "bench_analyst";
  static final String HEAP = "256m";
  private static final String PASSWORD = "bench-password-2";
  private static final LocalDate FROM = LocalDate.of(2000, 1, 1);

  private final DataSource owner;
  private final ConnectionSettings ownerSettings;
  private final int runs;
  private final Consumer<String> log;

  ExportComparison(DataSource owner, ConnectionSettings ownerSettings, int runs, Consumer<String> log) {
    this.owner = owner;
    this.ownerSettings = ownerSettings;
    this.runs = runs;
    this.log = log;
  }

  List<Measurement> run() throws Exception {
    String name = "ledger export to CSV";
    Optional<Path> java = ChildJvm.java();
    if (java.isEmpty()) {
      return List.of(Measurement.skipped(name, "no java launcher in " + System.getProperty("java.home")));
    }
    if (!loginExists()) {
      new StaffService(owner).add(LOGIN, StaffRole.ANALYST, PASSWORD.toCharArray());
    }
    LocalDate to = LocalDate.now(ZoneOffset.UTC).plusDays(1);
    String select = ExportService.sql(ExportChild.request(FROM, to));
    Optional<Path> psql = findPsql();
    Path work = Files.createTempDirectory("creditdesk-bench-export");
    List<Double> export = new ArrayList<>();
    List<Double> copy = new ArrayList<>();
    List<Double> childWall = new ArrayList<>();
    long rows = 0;
    long peakHeap = 0;
    long maxHeap = 0;
    try {
      for (int run = 1; run <= runs; run++) {
        Path a = work.resolve("creditdesk.csv");
        long t0 = System.nanoTime();
        Map<String, String> r = exportInChild(java.get(), to, a);
        childWall.add((System.nanoTime() - t0) / 1e9);
        Files.deleteIfExists(a);
        rows = Long.parseLong(r.get("rows"));
        export.add(Double.parseDouble(r.get("seconds")));
        peakHeap = Math.max(peakHeap, Long.parseLong(r.get("peakHeap")));
        maxHeap = Long.parseLong(r.get("maxHeap"));
        String line = String.format(Locale.ROOT,
            "export run %d: creditdesk %,d rows in %.2f s (its JVM ran %.1f s)", run, rows,
            export.get(export.size() - 1), childWall.get(childWall.size() - 1));
        if (psql.isPresent()) {
          Path b = work.resolve("psql.csv");
          copy.add(psql(psql.get(), select, b));
          Files.deleteIfExists(b);
          line += String.format(Locale.ROOT, ", psql \\copy %.2f s", copy.get(copy.size() - 1));
        }
        log.accept(line);
      }
    } finally {
      deleteTree(work);
    }
    double e = median(export);
    double p = copy.isEmpty() ? Double.NaN : median(copy);
    String label = String.format(Locale.ROOT, "ledger export to CSV (%,d rows)", rows);
    String note = copy.isEmpty()
        ? "baseline skipped: psql not found"
        : String.format(Locale.ROOT, "baseline: psql \\copy (same query) TO file CSV HEADER, same"
            + " analyst login; creditdesk %,.0f rows/s, psql %,.0f rows/s", rows / e, rows / p);
    note += String.format(Locale.ROOT, "; child JVM -Xmx%s, export timed after login (child's"
        + " wall time incl. JVM start and login: median %.1f s)", HEAP, median(childWall));
    return List.of(
        new Measurement(label, "s", e, p, note),
        new Measurement("ledger export peak heap", "MB", peakHeap / 1048576.0, Double.NaN,
            String.format(Locale.ROOT, "heap pools' peaks during the export in the child JVM;"
                + " limit %,d MB", maxHeap >> 20)));
  }

  private Map<String, String> exportInChild(Path java, LocalDate to, Path target) throws Exception {
    ProcessBuilder pb = ChildJvm.builder(java, List.of("-Xmx" + HEAP), ExportChild.class.getName(),
        List.of(ownerSettings.jdbcUrl(), LOGIN, FROM.toString(), to.toString(), target.toString()));
    // The password goes through the environment, never the command line.
    pb.environment().put("PGPASSWORD", PASSWORD);
    try (ChildJvm.Running child = new ChildJvm.Running(pb, l -> l.startsWith(ExportChild.RESULT))) {
      int exit = child.awaitExit(6 * 3600);
      String result = child.lines().stream().filter(l -> l.startsWith(ExportChild.RESULT + " "))
          .findFirst().orElse(null);
      if (exit != 0 || result == null) {
        throw new IllegalStateException("the export's JVM failed (exit " + exit + "): " + child.lastLines());
      }
      Map<String, String> values = new java.util.HashMap<>();
      for (String part : result.substring(ExportChild.RESULT.length() + 1).split(" ")) {
        String[] kv = part.split("=", 2);
        values.put(kv[0], kv[1]);
      }
      return values;
    }
  }

  /** Seconds for {@code psql -c "\copy (select) TO 'out' CSV HEADER"}, process start to exit. */
  private double psql(Path psql, String select, Path out) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
        "-c", "\\copy (" + select + ") TO '" + out.toString().replace("'", "''") + "' CSV HEADER")
        .redirectErrorStream(true);
    Properties url = org.postgresql.Driver.parseURL(ownerSettings.jdbcUrl(), null);
    if (url == null) {
      throw new IllegalStateException("Cannot read the JDBC URL for psql.");
    }
    Map<String, String> env = pb.environment();
    env.put("PGHOST", url.getProperty("PGHOST", "localhost"));
    env.put("PGPORT", url.getProperty("PGPORT", "5432"));
    env.put("PGDATABASE", url.getProperty("PGDBNAME"));
    env.put("PGUSER", LOGIN);
    env.put("PGPASSWORD", PASSWORD);
    env.put("PGOPTIONS", "-c TimeZone=UTC");
    env.put("PGAPPNAME", "creditdesk-bench-psql");
    for (String[] p : new String[][] {{"sslmode", "PGSSLMODE"}, {"sslrootcert", "PGSSLROOTCERT"},
        {"sslcert", "PGSSLCERT"}, {"sslkey", "PGSSLKEY"}}) {
      if (url.getProperty(p[0]) != null) {
        env.put(p[1], url.getProperty(p[0]));
      }
    }
    long t0 = System.nanoTime();
    try (ChildJvm.Running proc = new ChildJvm.Running(pb, l -> false)) {
      int exit = proc.awaitExit(6 * 3600);
      if (exit != 0) {
        throw new IllegalStateException("psql failed (exit " + exit + "): " + proc.lastLines());
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** A psql on the PATH (any version from 13 reads PostgreSQL 17), else none. */
  static Optional<Path> findPsql() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("psql", "psql.exe")) {
        Path candidate = Path.of(dir, name);
        if (!dir.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private boolean loginExists() throws SQLException {
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = '" + LOGIN + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  static double median(List<Double> values) {
    return Measurement.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
