package creditdesk.domain;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A user's plan as the web app computes it ({@code hasUnlimitedAccess}): whether it charges the
 * user at all. Unlimited are level 'demo', 'paid' with renewal period 'lifetime', and 'paid' with
 * 'yearly' while the last payment is less than one year ago; everyone else is charged from the
 * balances. The rule is in docs/shared-database.md.
 *
 * <p>"Less than one year ago" is exact here: unlimited while {@code now < last_payment + 1 year},
 * a calendar year in UTC ({@link LocalDateTime#plusYears}: 2024-02-29 + 1 year = 2025-02-28), so
 * at the instant {@code last_payment + 1 year} the user is charged again. Any doubt about the
 * boundary (a leap day) falls on the side of "charged", where a grant is never wasted.
 *
 * @param kind what the plan is
 * @param level the level label, null when the database has no level column
 * @param period the renewal period label, null when unknown or missing
 * @param until when a yearly plan lapses (or lapsed); null for other kinds and without a payment
 * @param daysLeft whole calendar days from today (UTC) to {@code until}'s date; 0 otherwise
 */
public record Plan(
    Kind kind, UserLevel level, RenewalPeriod period, LocalDateTime until, long daysLeft) {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  /** What a plan can be; only the first three are unlimited. */
  public enum Kind {
    /** Level 'demo': never charged. */
    DEMO,
    /** 'paid' + 'lifetime': never charged. */
    LIFETIME,
    /** 'paid' + 'yearly', last payment less than a year ago: not charged until {@code until}. */
    YEARLY,
    /** 'paid' + 'yearly' with the year over or no last payment: charged. */
    LAPSED,
    /** 'paid' with any other renewal period ('monthly' or a label this build does not know). */
    PAID_CHARGED,
    /** 'free', the deprecated 'basic' and 'pro', or a level label this build does not know. */
    CHARGED,
    /** The columns the rule needs are not in the database: nothing is known. */
    UNKNOWN
  }

  public Plan {
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * The web app's rule.
   *
   * @param level null when the level column is missing
   * @param period null when the renewal_period column is missing
   * @param lastPayment null when none is recorded
   * @param now the current time in UTC
   */
  public static Plan of(
      UserLevel level, RenewalPeriod period, LocalDateTime lastPayment, LocalDateTime now) {
    Objects.requireNonNull(now, "now");
    if (level == null) {
      return unknown(null, period);
    }
    if (UserLevel.DEMO.equals(level)) {
      return new Plan(Kind.DEMO, level, period, null, 0);
    }
    if (!UserLevel.PAID.equals(level)) {
      return new Plan(Kind.CHARGED, level, period, null, 0);
    }
    if (period == null) {
      return unknown(level, null);
    }
    if (RenewalPeriod.LIFETIME.equals(period)) {
      return new Plan(Kind.LIFETIME, level, period, null, 0);
    }
    if (!RenewalPeriod.YEARLY.equals(period)) {
      return new Plan(Kind.PAID_CHARGED, level, period, null, 0);
    }
    if (lastPayment == null) {
      return new Plan(Kind.LAPSED, level, period, null, 0);
    }
    LocalDateTime lapses = lapse(lastPayment);
    if (now.isBefore(lapses)) {
      return new Plan(
          Kind.YEARLY,
          level,
          period,
          lapses,
          ChronoUnit.DAYS.between(now.toLocalDate(), lapses.toLocalDate()));
    }
    return new Plan(Kind.LAPSED, level, period, lapses, 0);
  }

  /** The rule cannot be computed because a column it needs is missing. */
  public static Plan unknown(UserLevel level, RenewalPeriod period) {
    return new Plan(Kind.UNKNOWN, level, period, null, 0);
  }

  /** When a yearly plan paid at {@code lastPayment} stops being unlimited. */
  public static LocalDateTime lapse(LocalDateTime lastPayment) {
    return lastPayment.plusYears(1);
  }

  /** True exactly when the web app neither checks nor deducts the balances. */
  public boolean unlimited() {
    return kind == Kind.DEMO || kind == Kind.LIFETIME || kind == Kind.YEARLY;
  }

  /** Whether the rule could be computed. */
  public boolean known() {
    return kind != Kind.UNKNOWN;
  }

  /**
   * The plan in a few words: "Demo", "Lifetime", "Yearly until 2027-03-01, 92 days left",
   * "Yearly, lapsed on 2025-03-01", "Paid monthly", "Free", "Unknown".
   */
  public String describe() {
    return switch (kind) {
      case DEMO -> "Demo";
      case LIFETIME -> "Lifetime";
      case YEARLY ->
          "Yearly until " + until.format(DAY) + ", "
              + (daysLeft == 0 ? "last day" : daysLeft + (daysLeft == 1 ? " day left" : " days left"));
      case LAPSED ->
          until == null
              ? "Yearly, lapsed (no payment recorded)"
              : "Yearly, lapsed on " + until.format(DAY);
      case PAID_CHARGED -> "Paid " + period.dbValue();
      case CHARGED -> capitalised(level.dbValue());
      case UNKNOWN -> "Unknown";
    };
  }

  /** A short label for lists and exports: demo, lifetime, yearly, lapsed, paid, free, unknown. */
  public String label() {
    return switch (kind) {
      case DEMO -> "demo";
      case LIFETIME -> "lifetime";
      case YEARLY -> "yearly";
      case LAPSED -> "lapsed";
      case PAID_CHARGED -> "paid";
      case CHARGED -> level.dbValue();
      case UNKNOWN -> "unknown";
    };
  }

  /** "yearly until 2027-03-01" style text for sentences about an unlimited plan. */
  public String unlimitedReason() {
    return switch (kind) {
      case DEMO -> "demo";
      case LIFETIME -> "lifetime";
      case YEARLY -> "yearly until " + until.format(DAY);
      default -> "";
    };
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
