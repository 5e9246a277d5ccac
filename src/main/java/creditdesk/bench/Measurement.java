package creditdesk.bench;

import java.util.Arrays;

/** One benchmark line: creditdesk's way beside its baseline, both measured in the same run. */
public record Measurement(
    String name, String unit, double creditdesk, double baseline, String note) {

  /** A line that could not be measured here, with the reason (e.g. "psql not found"). */
  public static Measurement skipped(String name, String reason) {
    return new Measurement(name, "", Double.NaN, Double.NaN, "skipped: " + reason);
  }

  /** A line whose measurement failed; the run goes on. */
  public static Measurement failed(String name, String reason) {
    return new Measurement(name, "", Double.NaN, Double.NaN, "failed: " + reason);
  }

  public boolean isSkipped() {
    return Double.isNaN(creditdesk);
  }

  /** Baseline divided by creditdesk: above 1 means creditdesk is faster (for times). */
  public double ratio() {
    return creditdesk == 0 ? Double.POSITIVE_INFINITY : baseline / creditdesk;
  }

  static double median(double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double percentile(double[] samples, double p) {
    double[] s = samples.clone();
    Arrays.sort(s);
    int index = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, index))];
  }
}
