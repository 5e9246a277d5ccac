package creditdesk.service.export;

import creditdesk.service.common.ValidationException;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.search.UserSearchService;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One export: the report, which rows, and two options that only widen the file on request: the
 * users' emails (personal data, off by default) and a UTF-8 byte order mark (for Excel).
 *
 * @param searchQuery the search whose results {@link ExportReport#SEARCH_RESULTS} writes
 */
public record ExportRequest(
    ExportReport report,
    ExportFilter filter,
    String searchQuery,
    boolean includeEmail,
    boolean byteOrderMark) {

  public ExportRequest {
    if (report == null) {
      throw new ValidationException("Choose what to export.");
    }
    if (report == ExportReport.SEARCH_RESULTS) {
      if (searchQuery == null || searchQuery.isBlank()) {
        throw new ValidationException("Search for users first; an empty search has no results.");
      }
      if (searchQuery.strip().length() > UserSearchService.MAX_QUERY_LENGTH) {
        throw new ValidationException(
            "Search for at most " + UserSearchService.MAX_QUERY_LENGTH + " characters.");
      }
      filter = null;
    } else {
      if (filter == null || (!filter.hasDates() && filter.userId() == null)) {
        throw new ValidationException("An export needs a start and an end date.");
      }
      searchQuery = null;
    }
    if (includeEmail && report == ExportReport.DAILY_USAGE) {
      throw new ValidationException(
          "The daily-usage report has no rows per user, so it has no emails to include.");
    }
  }

  public static ExportRequest ledger(ExportFilter filter) {
    return new ExportRequest(ExportReport.LEDGER, filter, null, false, false);
  }

  public static ExportRequest dailyUsage(ExportFilter filter) {
    return new ExportRequest(ExportReport.DAILY_USAGE, filter, null, false, false);
  }

  /** All of one user's ledger rows (optionally narrowed), as the user detail screen exports it. */
  public static ExportRequest history(UUID userId, HistoryFilter filter) {
    if (userId == null) {
      throw new ValidationException("Choose a user first.");
    }
    return ledger(ExportFilter.history(userId, filter));
  }

  /** Every user the search finds (not only the page on screen), best match first. */
  public static ExportRequest searchResults(String query) {
    return new ExportRequest(ExportReport.SEARCH_RESULTS, null, query, false, false);
  }

  public ExportRequest withEmail() {
    return new ExportRequest(report, filter, searchQuery, true, byteOrderMark);
  }

  public ExportRequest withByteOrderMark() {
    return new ExportRequest(report, filter, searchQuery, includeEmail, true);
  }

  /** The header row. */
  public List<String> columns() {
    if (!includeEmail || report != ExportReport.LEDGER) {
      return report.columns();
    }
    List<String> c = new ArrayList<>(report.columns());
    c.add(ExportReport.EMAIL_COLUMN);
    return List.copyOf(c);
  }
}
