package creditdesk.service.export;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.common.ValidationException;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.ledger.LedgerSource;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Which ledger rows an export reads. Dates are UTC days, both inclusive; null components mean
 * "any". A date range is required unless the export is one user's history.
 */
public record ExportFilter(
    LocalDate from,
    LocalDate to,
    OperationType operation,
    FeatureType feature,
    UUID userId,
    LedgerSource source) {

  public static final ExportFilter ANY = new ExportFilter(null, null, null, null, null, null);

  public ExportFilter {
    if ((from == null) != (to == null)) {
      throw new ValidationException("Give both a start and an end date, or neither.");
    }
    if (from != null) {
      checkYear(from);
      checkYear(to);
      if (from.isAfter(to)) {
        throw new ValidationException("The start date " + from + " is after the end date " + to + ".");
      }
    }
  }

  public static ExportFilter between(LocalDate from, LocalDate to) {
    if (from == null || to == null) {
      throw new ValidationException("An export needs a start and an end date.");
    }
    return ANY.withDates(from, to);
  }

  /** One user's history, narrowed like the history screen. */
  public static ExportFilter history(UUID userId, HistoryFilter h) {
    HistoryFilter f = h == null ? HistoryFilter.NONE : h;
    LocalDate from = f.from();
    LocalDate to = f.to();
    // The history screen allows an open end; the export closes it with the widest days.
    if (from != null || to != null) {
      from = from == null ? LocalDate.of(1, 1, 1) : from;
      to = to == null ? LocalDate.of(9999, 12, 31) : to;
    }
    return new ExportFilter(from, to, f.operation(), f.feature(), userId, f.source());
  }

  public boolean hasDates() {
    return from != null;
  }

  public ExportFilter withDates(LocalDate newFrom, LocalDate newTo) {
    return new ExportFilter(newFrom, newTo, operation, feature, userId, source);
  }

  public ExportFilter withOperation(OperationType value) {
    return new ExportFilter(from, to, value, feature, userId, source);
  }

  public ExportFilter withFeature(FeatureType value) {
    return new ExportFilter(from, to, operation, value, userId, source);
  }

  public ExportFilter withUser(UUID value) {
    return new ExportFilter(from, to, operation, feature, value, source);
  }

  public ExportFilter withSource(LedgerSource value) {
    return new ExportFilter(from, to, operation, feature, userId, value);
  }

  private static void checkYear(LocalDate d) {
    if (d.getYear() < 1 || d.getYear() > 9999) {
      throw new ValidationException("Dates run from year 1 to year 9999; " + d + " does not.");
    }
  }
}
