package creditdesk.service.ledger;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.common.ValidationException;
import java.time.LocalDate;

/** Optional narrowing of a user's history; null means "any". Dates are UTC days, both inclusive. */
public record HistoryFilter(
    OperationType operation, FeatureType feature, LocalDate from, LocalDate to, LedgerSource source) {
  public static final HistoryFilter NONE = new HistoryFilter(null, null, null, null, null);

  public HistoryFilter {
    if (from != null && to != null && from.isAfter(to)) {
      throw new ValidationException("The start date is after the end date.");
    }
  }
}
