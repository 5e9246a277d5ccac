package creditdesk.bench;

import creditdesk.app.ShownReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Console start to its login window, on a fresh data directory each time (the newcomer's first
 * start), beside a bare JavaFX Stage started from the same jar with the same JVM options. Each
 * window prints {@link ShownReport#LINE} when first laid out; the time is process start to that
 * line. Runs alternate, after one untimed bare start that warms the disk cache and JavaFX's
 * native libraries.
 */
final class ConsoleStart {
  static final String NAME = "console start to login window";
  private static final long TIMEOUT_SECONDS = 180;

  private final int runs;
  private final Consumer<String> log;

  ConsoleStart(int runs, Consumer<String> log) {
    this.runs = runs;
    this.log = log;
  }

  /** True when a window can be opened: always on Windows and macOS, with DISPLAY elsewhere. */
  static boolean displayAvailable() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("windows") || os.startsWith("mac")) {
      return true;
    }
    String display = System.getenv("DISPLAY");
    return display != null && !display.isBlank();
  }

  List<Measurement> run() throws Exception {
    if (!displayAvailable()) {
      return List.of(Measurement.skipped(NAME, "no display"));
    }
    Optional<Path> java = ChildJvm.java();
    if (java.isEmpty()) {
      return List.of(Measurement.skipped(NAME, "no java launcher in " + System.getProperty("java.home")));
    }
    List<String> options = List.of("-D" + ShownReport.PROPERTY + "=true");
    timeToWindow(java.get(), options, "creditdesk.app.BareStage", List.of());
    double[] console = new double[runs];
    double[] bare = new double[runs];
    for (int i = 0; i < runs; i++) {
      Path dataDir = Files.createTempDirectory("creditdesk-bench-console");
      try {
        console[i] = timeToWindow(java.get(), options, "creditdesk.Main",
            List.of("--data-dir", dataDir.toString()));
      } finally {
        deleteQuietly(dataDir);
      }
      bare[i] = timeToWindow(java.get(), options, "creditdesk.app.BareStage", List.of());
      log.accept(String.format(Locale.ROOT, "console start run %d: login window %.0f ms, bare Stage %.0f ms",
          i + 1, console[i], bare[i]));
    }
    return List.of(new Measurement(NAME, "ms", Measurement.median(console), Measurement.median(bare),
        "fresh --data-dir, process start to the window's first layout; baseline: a bare JavaFX"
            + " Stage from the same jar, same JVM options; median of " + runs));
  }

  /** The stopped console's embedded PostgreSQL may still be removing files for a moment. */
  private void deleteQuietly(Path dir) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        ExportComparison.deleteTree(dir);
        return;
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        if (attempt == 5) {
          log.accept("could not remove " + dir + ": " + e.getMessage());
          return;
        }
        Thread.sleep(1_000);
      }
    }
  }

  private static double timeToWindow(Path java, List<String> options, String mainClass, List<String> args)
      throws Exception {
    ProcessBuilder pb = ChildJvm.builder(java, options, mainClass, args);
    long t0 = System.nanoTime();
    try (ChildJvm.Running child = new ChildJvm.Running(pb, ShownReport.LINE::equals)) {
      long shown = child.awaitMarker(TIMEOUT_SECONDS);
      if (shown < 0) {
        throw new IllegalStateException(mainClass + " showed no window within " + TIMEOUT_SECONDS
            + " s: " + child.lastLines());
      }
      return (shown - t0) / 1e6;
    }
  }
}
