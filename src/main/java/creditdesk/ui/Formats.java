package creditdesk.ui;

import creditdesk.domain.Balance;
import creditdesk.domain.BalanceReading;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.UserLevel;
import creditdesk.domain.UserStatus;
import creditdesk.service.ledger.LedgerSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the screens write values; toolkit-free so view models and their tests share it. */
public final class Formats {
  /** A balance that was never set (NULL, a legacy account), in a list. */
  public static final String NOT_SET = "not set";
  /** The same on a balance card, where there is room to say why. */
  public static final String NOT_SET_LEGACY = "not set (legacy account)";
  /** A balance the database has no column for (a web-app migration dropped it). */
  public static final String NO_COLUMN = "—";
  public static final String MINUS = "\u2212";

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private Formats() {}

  public static String number(long value) {
    return value < 0 ? MINUS + String.format("%,d", -value) : String.format("%,d", value);
  }

  public static String balance(Integer value) {
    return value == null ? NOT_SET : number(value);
  }

  /** As the web app reads it, on a card: "7", or "10 (not set — web app default)" for NULL. */
  public static String webAppBalance(BalanceReading reading) {
    if (reading.missing()) {
      return NO_COLUMN;
    }
    return reading.unset()
        ? number(reading.unsetDefault()) + " (not set — web app default)"
        : number(reading.stored());
  }

  /** As the web app reads it, in a list or a preview: "7", or "10 (not set)" for NULL. */
  public static String webAppBalanceShort(BalanceReading reading) {
    if (reading.missing()) {
      return NO_COLUMN;
    }
    return reading.unset() ? number(reading.unsetDefault()) + " (not set)" : number(reading.stored());
  }

  /** "+5" or "−3" (a real minus sign). */
  public static String signed(long value) {
    return value > 0 ? "+" + number(value) : number(value);
  }

  /** A ledger time (UTC without zone, as the web app writes it) in {@code zone}. */
  public static String localTime(LocalDateTime utc, ZoneId zone) {
    return utc == null ? "" : utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).format(LOCAL);
  }

  /** As {@link #localTime} to the minute, for tables; the seconds are in the tooltip. */
  public static String localMinute(LocalDateTime utc, ZoneId zone) {
    return utc == null ? "" : utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).format(MINUTE);
  }

  public static String utcTime(LocalDateTime utc) {
    return utc == null ? "" : utc.format(LOCAL) + " UTC";
  }

  public static String localDay(LocalDateTime utc, ZoneId zone) {
    return utc == null ? "" : utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).format(DAY);
  }

  public static String operation(OperationType operation) {
    // A label the web app added after this build is shown exactly as the database has it.
    return operation == null ? "" : operation.isKnown() ? capitalised(operation.dbValue()) : operation.dbValue();
  }

  public static String feature(FeatureType feature) {
    if (feature == null) {
      return "";
    }
    return feature.isKnown() ? capitalised(feature.dbValue().replace('_', ' ')) : feature.dbValue();
  }

  public static String level(UserLevel level) {
    return level == null ? "" : level.isKnown() ? capitalised(level.dbValue()) : level.dbValue();
  }

  public static String status(UserStatus status) {
    return status == null ? "" : status.isKnown() ? capitalised(status.dbValue()) : status.dbValue();
  }

  public static String source(LedgerSource source) {
    if (source == null) {
      return "";
    }
    return source == LedgerSource.CREDITDESK ? "creditdesk" : "web app";
  }

  /** "free credits" or "free chat messages", the columns' names in words. */
  public static String balanceName(Balance balance) {
    return "free " + balance.label();
  }

  /** "1 credit", "3 chat messages". */
  public static String amountOf(long amount, Balance balance) {
    String unit = balance.label();
    if (Math.abs(amount) == 1) {
      unit = unit.substring(0, unit.length() - 1);
    }
    return number(amount) + " " + unit;
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
