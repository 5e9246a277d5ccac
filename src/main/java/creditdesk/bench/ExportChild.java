package creditdesk.bench;

import creditdesk.db.ConnectionSettings;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.export.ExportFilter;
import creditdesk.service.export.ExportRequest;
import creditdesk.service.export.ExportResult;
import creditdesk.service.export.ExportService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One ledger export in a JVM of its own, started by {@link ExportComparison} with the heap bound
 * the issue sets ({@code -Xmx256m}), so the peak heap it reports is the export's alone. Arguments:
 * JDBC URL, login, from date, to date, target file; the password comes in {@code PGPASSWORD}.
 * Prints one {@link #RESULT} line.
 */
public final class ExportChild {
  static final String RESULT = "creditdesk-bench-export";

  private ExportChild() {}

  /** The request both contenders run: the whole ledger between two dates. */
  static ExportRequest request(LocalDate from, LocalDate to) {
    return ExportRequest.ledger(ExportFilter.between(from, to));
  }

  public static void main(String[] args) {
    String password = System.getenv("PGPASSWORD");
    ConnectionSettings settings = new ConnectionSettings(
        args[0], args[1], password == null ? null : password.toCharArray(), false);
    ExportRequest request = request(LocalDate.parse(args[2]), LocalDate.parse(args[3]));
    try (StaffSession session = new LoginService().login(settings)) {
      ExportService service = new ExportService(session);
      // Measure the export only: login (Hibernate's boot) is in the start-up figures.
      System.gc();
      resetPeaks();
      long t0 = System.nanoTime();
      ExportResult result = service.export(request, Path.of(args[4]));
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "%s rows=%d bytes=%d seconds=%.3f peakHeap=%d maxHeap=%d%n",
          RESULT, result.rows(), result.bytes(), seconds, peakHeapUsed(),
          Runtime.getRuntime().maxMemory());
      System.out.flush();
    } catch (RuntimeException e) {
      System.out.println("export failed: " + e);
      System.exit(1);
    }
    System.exit(0);
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
}
