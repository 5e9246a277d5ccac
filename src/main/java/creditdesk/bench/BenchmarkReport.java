package creditdesk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** The Markdown a run prints and writes: where it ran, on what sizes, and the table. */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  /** Machine, software, sizes and load, taken when the run starts. */
  public static String header(BenchmarkRunner.Options options, DataSource owner) {
    StringBuilder b = new StringBuilder();
    b.append("Run ").append(OffsetDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT))).append(".\n\n");
    b.append("- machine: ").append(machine()).append('\n');
    b.append("- Java ").append(System.getProperty("java.version")).append(" (")
        .append(System.getProperty("java.vm.name")).append("), ").append(postgres(owner)).append('\n');
    b.append(String.format(Locale.ROOT, "- sizes: %,d users, %,d ledger rows (generated up to these"
        + " totals), a heavy user with %,d rows, history pages %s, %d repetitions, grants for %d s"
        + " with %d admins and %d web-app threads, %d export runs, %d console starts%n",
        options.users(), options.ledgerRows(), options.historyRows(),
        java.util.Arrays.toString(options.depths()), options.repetitions(), options.grantSeconds(),
        options.admins(), options.webAppThreads(), options.exportRuns(), options.consoleRuns()));
    b.append("- load average at start: ").append(loadAverage()).append("\n\n");
    return b.toString();
  }

  public static String footer() {
    return "\nLoad average at the end: " + loadAverage() + ".\n";
  }

  public static String table(List<Measurement> results) {
    StringBuilder b = new StringBuilder();
    b.append("| measurement | unit | creditdesk | baseline | ratio (baseline / creditdesk) | baseline is |\n");
    b.append("|---|---|---:|---:|---:|---|\n");
    for (Measurement m : results) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", m.name(), m.unit(),
          number(m.creditdesk()), number(m.baseline()),
          Double.isNaN(m.baseline()) || Double.isNaN(m.creditdesk())
              ? "—" : String.format(Locale.ROOT, "%.2f×", m.ratio()), m.note()));
    }
    return b.toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  /** 1, 5 and 15 minute load averages (the machine may be shared). */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2] + " (1, 5, 15 min)";
    } catch (IOException | RuntimeException e) {
      double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return one < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (1 min)", one);
    }
  }

  private static String machine() {
    Runtime rt = Runtime.getRuntime();
    String memory = "";
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = String.format(Locale.ROOT, ", %.0f GiB memory", os.getTotalMemorySize() / 1073741824.0);
    }
    String cpu = "";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> ", " + l.substring(l.indexOf(':') + 1).trim()).orElse("");
    } catch (IOException | RuntimeException e) {
      // Not Linux: cores and memory say enough.
    }
    return rt.availableProcessors() + " cores" + cpu + memory + ", " + System.getProperty("os.name")
        + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
  }

  private static String postgres(DataSource owner) {
    try (Connection c = owner.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return "PostgreSQL " + rs.getString(1);
    } catch (SQLException e) {
      return "PostgreSQL (version unknown)";
    }
  }
}
