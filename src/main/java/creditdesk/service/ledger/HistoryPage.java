package creditdesk.service.ledger;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** A page of history, newest first, with the key to ask for the next (older) page. */
public record HistoryPage(List<LedgerEntry> entries, Cursor next) {
  /** The position after which the next page starts: (created_at, id) of the last row shown. */
  public record Cursor(LocalDateTime createdAt, UUID id) {}

  public boolean hasMore() {
    return next != null;
  }
}
