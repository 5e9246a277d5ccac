package creditdesk.domain;

import java.util.List;

/** PostgreSQL enum {@code renewal_period}. */
public final class RenewalPeriod extends DbLabel {
  public static final RenewalPeriod MONTHLY = new RenewalPeriod("monthly", "MONTHLY");
  public static final RenewalPeriod YEARLY = new RenewalPeriod("yearly", "YEARLY");
  public static final RenewalPeriod LIFETIME = new RenewalPeriod("lifetime", "LIFETIME");

  private static final List<RenewalPeriod> KNOWN = List.of(MONTHLY, YEARLY, LIFETIME);

  private RenewalPeriod(String dbValue, String name) {
    super(dbValue, name);
  }

  /** The labels of {@code renewal_period} this build knows, in the enum's order. */
  public static List<RenewalPeriod> known() {
    return KNOWN;
  }

  /** The label {@code value}, known or not; null only for a null value (a NULL column). */
  public static RenewalPeriod fromDb(String value) {
    if (value == null) {
      return null;
    }
    RenewalPeriod k = find(KNOWN, value);
    return k != null ? k : new RenewalPeriod(value, null);
  }
}
