package creditdesk.service.export;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How far an export is. {@code estimatedRows} is the planner's estimate, or -1 when there is
 * none; it can be off either way, so the time left is a guess and disappears when rows outrun it.
 */
public record ExportProgress(long rows, long estimatedRows, long bytes, Duration elapsed) {

  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : rows / seconds;
  }

  /** Share done from 0 to 1, when there is an estimate. */
  public OptionalDouble fraction() {
    if (estimatedRows <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.min(1.0, (double) rows / estimatedRows));
  }

  /** Estimated time left, or null when unknown. */
  public Duration remaining() {
    double rate = rowsPerSecond();
    if (estimatedRows <= 0 || rows >= estimatedRows || rate <= 0) {
      return null;
    }
    return Duration.ofMillis((long) ((estimatedRows - rows) / rate * 1000));
  }
}
