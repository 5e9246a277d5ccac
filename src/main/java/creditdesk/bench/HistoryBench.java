package creditdesk.bench;

import creditdesk.service.ledger.HistoryFilter;
import creditdesk.service.ledger.HistoryPage;
import creditdesk.service.ledger.HistoryService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The heavy user's history at several depths: by key (ours) beside LIMIT/OFFSET. */
final class HistoryBench implements BenchSection {
  static final int HISTORY_PAGE = 20;
  private final BenchContext ctx;
  private final HistoryService history;
  private final DataSource staff;

  HistoryBench(BenchContext ctx, HistoryService history, DataSource staff) {
    this.ctx = ctx;
    this.history = history;
    this.staff = staff;
  }

  @Override
  public List<Measurement> run() throws Exception {
    UUID heavy = ctx.heavyUser();
    List<Measurement> out = new ArrayList<>();
    for (int depth : ctx.options().depths()) {
      // Walk to the page once (not timed), then time fetching that page by key and by OFFSET.
      HistoryPage.Cursor cursor = null;
      if (depth > 1) {
        cursor = cursorAt(staff, heavy, (long) (depth - 1) * HISTORY_PAGE);
      }
      HistoryPage.Cursor at = cursor;
      double[] keyset = ctx.time(() -> history.page(heavy, HistoryFilter.NONE, at, HISTORY_PAGE));
      long offset = (long) (depth - 1) * HISTORY_PAGE;
      double[] byOffset = ctx.time(() -> offsetPage(staff, heavy, offset));
      out.add(new Measurement("history page " + depth + " (" + HISTORY_PAGE + " rows)", "ms",
          Measurement.median(keyset), Measurement.median(byOffset),
          "baseline: same page by LIMIT/OFFSET " + offset));
    }
    return out;
  }

  private static HistoryPage.Cursor cursorAt(DataSource ds, UUID user, long skip) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT created_at, id FROM public.\"CreditTransaction\" WHERE user_id = ?"
                + " ORDER BY created_at DESC, id DESC OFFSET ? LIMIT 1")) {
      ps.setObject(1, user);
      ps.setLong(2, skip - 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new HistoryPage.Cursor(
            rs.getObject(1, java.time.LocalDateTime.class), rs.getObject(2, UUID.class));
      }
    }
  }

  private static void offsetPage(DataSource ds, UUID user, long offset) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT * FROM public.\"CreditTransaction\" WHERE user_id = ?"
                + " ORDER BY created_at DESC, id DESC OFFSET ? LIMIT ?")) {
      ps.setObject(1, user);
      ps.setLong(2, offset);
      ps.setInt(3, HISTORY_PAGE + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getString(7);
        }
      }
    }
  }
}
