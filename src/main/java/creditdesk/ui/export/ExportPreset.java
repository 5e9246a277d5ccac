package creditdesk.ui.export;

import creditdesk.domain.OperationType;
import creditdesk.service.export.ExportReport;
import creditdesk.service.export.ExportRequest;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.ui.Formats;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * An export fixed by the screen it starts from (a user's filtered history, the search's results):
 * the export window shows what it covers and offers only the options and the file.
 *
 * @param title the export window's heading
 * @param description what the file will hold, in a sentence or two
 * @param request the rows; the window adds the email and byte-order-mark options
 * @param fileName the name the save dialog suggests
 */
public record ExportPreset(String title, String description, ExportRequest request, String fileName) {
  private static final int MAX_NAME_PART = 60;

  public ExportPreset {
    Objects.requireNonNull(title);
    Objects.requireNonNull(description);
    Objects.requireNonNull(request);
    Objects.requireNonNull(fileName);
  }

  /** One user's ledger rows, narrowed by the history screen's filters. */
  public static ExportPreset history(UUID userId, String email, HistoryFilter filter, LocalDate today) {
    HistoryFilter f = filter == null ? HistoryFilter.NONE : filter;
    String who = email == null || email.isBlank() ? userId.toString() : email;
    List<String> narrowing = new ArrayList<>();
    if (f.operation() != null) {
      OperationType op = f.operation();
      narrowing.add(op.equals(OperationType.DEDUCT) ? "Deductions"
          : op.equals(OperationType.GRANT) ? "Grants"
          : op.equals(OperationType.REFUND) ? "Refunds"
          : "Operation " + op.dbValue());
    }
    if (f.feature() != null) {
      narrowing.add(Formats.feature(f.feature()));
    }
    if (f.from() != null && f.to() != null) {
      narrowing.add(f.from() + " to " + f.to() + " (UTC days)");
    } else if (f.from() != null) {
      narrowing.add("from " + f.from() + " on (UTC days)");
    } else if (f.to() != null) {
      narrowing.add("up to " + f.to() + " (UTC days)");
    }
    if (f.source() != null) {
      narrowing.add(f.source() == LedgerSource.WEBAPP ? "written by the web app" : "written by creditdesk");
    }
    String description = narrowing.isEmpty()
        ? "Every ledger row of this user, oldest first."
        : "This user's ledger rows with the history's filters: " + String.join(" · ", narrowing)
            + ". Oldest first.";
    return new ExportPreset("Export the history of " + who, description,
        ExportRequest.history(userId, f), "history-" + namePart(who) + "-" + today + ".csv");
  }

  /** Every user the search finds, not only the page on screen. */
  public static ExportPreset searchResults(String query, LocalDate today) {
    ExportRequest request = ExportRequest.searchResults(query);
    String q = request.searchQuery().strip();
    String name = namePart(q);
    return new ExportPreset("Export the search results for \"" + q + "\"",
        "Every user this search finds (not only the rows on screen), best match first:"
            + " id, email, name, level, status and both balances.",
        request, (name.isEmpty() ? "search-results" : "search-" + name) + "-" + today + ".csv");
  }

  /** Whether the email option means anything: the ledger has user ids, search results have emails. */
  public boolean emailPossible() {
    return request.report() == ExportReport.LEDGER;
  }

  /** Letters, digits and {@code @ . _ + -} of {@code text}; anything else becomes one '-'. */
  static String namePart(String text) {
    String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._+-]+", "-")
        .replaceAll("^[-.]+|[-.]+$", "");
    return cleaned.length() > MAX_NAME_PART ? cleaned.substring(0, MAX_NAME_PART) : cleaned;
  }
}
