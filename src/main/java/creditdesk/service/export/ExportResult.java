package creditdesk.service.export;

import java.nio.file.Path;
import java.time.Duration;

/** A finished export: the file, its data rows (without the header) and size, and how long it took. */
public record ExportResult(Path file, long rows, long bytes, Duration elapsed) {
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? rows : rows / seconds;
  }
}
