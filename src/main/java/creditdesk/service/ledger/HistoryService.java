package creditdesk.service.ledger;

import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.JDBCException;
import org.hibernate.SessionFactory;

/**
 * A user's ledger, newest first, paged by key (created_at, id) so that any page costs the same
 * as the first, for users with hundreds of thousands of rows.
 *
 * <p>One native query per page: PostgreSQL joins each row to the adjustment that wrote it
 * ({@link LedgerRows}), pretty-prints the JSON and sums what creditdesk refunded of each
 * deduction, so the page costs one round trip. The
 * bound {@code created_at <= cursor} is stated on its own so that the (user_id, created_at)
 * index starts the scan at the cursor instead of filtering every newer row.
 */
public final class HistoryService {
  public static final int DEFAULT_PAGE_SIZE = 100;

  private static final String SELECT =
      "SELECT t.id, t.user_id, t.created_at, t.operation::text, t.feature_type::text, t.amount, "
          + LedgerRows.OURS + ", " + LedgerRows.BALANCE_AFTER + ", " + LedgerRows.ACTOR + ", "
          + LedgerRows.REASON + ", " + LedgerRows.TICKET + ", " + LedgerRows.REFUND_OF + "::text,"
          + " CASE WHEN t.operation = 'deduct' THEN (SELECT coalesce(sum(r.amount), 0)::int"
          + "   FROM creditdesk.adjustment r WHERE r.refund_of = t.id AND r.ledger_id IS NOT NULL)"
          + " ELSE 0 END,"
          + " coalesce(jsonb_pretty(t.metadata), '')"
          + " FROM " + LedgerRows.FROM + " WHERE t.user_id = ?";

  private final SessionFactory sessionFactory;

  public HistoryService(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  public HistoryPage page(UUID userId, HistoryFilter filter, HistoryPage.Cursor after, int size) {
    if (size < 1 || size > 1000) {
      throw new ValidationException("A page holds 1 to 1,000 rows.");
    }
    HistoryFilter f = filter == null ? HistoryFilter.NONE : filter;
    StringBuilder sql = new StringBuilder(SELECT);
    List<Object[]> params = new ArrayList<>();
    params.add(new Object[] {userId, Types.OTHER});
    if (after != null) {
      sql.append(" AND t.created_at <= ? AND (t.created_at < ? OR t.id < ?)");
      params.add(new Object[] {after.createdAt(), Types.TIMESTAMP});
      params.add(new Object[] {after.createdAt(), Types.TIMESTAMP});
      params.add(new Object[] {after.id(), Types.OTHER});
    }
    if (f.operation() != null) {
      // Compared as text: works while the web app rewrites the enum through a text column.
      sql.append(" AND t.operation::text = ?");
      params.add(new Object[] {f.operation().dbValue(), Types.VARCHAR});
    }
    if (f.feature() != null) {
      sql.append(" AND t.feature_type::text = ?");
      params.add(new Object[] {f.feature().dbValue(), Types.VARCHAR});
    }
    if (f.from() != null) {
      sql.append(" AND t.created_at >= ?");
      params.add(new Object[] {f.from().atStartOfDay(), Types.TIMESTAMP});
    }
    if (f.to() != null) {
      sql.append(" AND t.created_at < ?");
      params.add(new Object[] {f.to().plusDays(1).atStartOfDay(), Types.TIMESTAMP});
    }
    if (f.source() != null) {
      sql.append(" AND ").append(LedgerRows.sourceIs(f.source()));
    }
    sql.append(" ORDER BY t.created_at DESC, t.id DESC LIMIT ?");
    params.add(new Object[] {size + 1, Types.INTEGER});

    try {
      return sessionFactory.fromSession(
          s -> s.doReturningWork(c -> query(c, sql.toString(), params, size)));
    } catch (JDBCException e) {
      throw DatabaseErrors.translate(e.getSQLException());
    }
  }

  private static HistoryPage query(Connection c, String sql, List<Object[]> params, int size)
      throws SQLException {
    List<LedgerEntry> entries = new ArrayList<>(size + 1);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i)[0], (Integer) params.get(i)[1]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(read(rs));
        }
      }
    }
    boolean more = entries.size() > size;
    List<LedgerEntry> shown = more ? entries.subList(0, size) : entries;
    LedgerEntry last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
    return new HistoryPage(
        List.copyOf(shown), more ? new HistoryPage.Cursor(last.createdAt(), last.id()) : null);
  }

  private static LedgerEntry read(ResultSet rs) throws SQLException {
    boolean ours = rs.getBoolean(7);
    return new LedgerEntry(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, LocalDateTime.class),
        OperationType.fromDb(rs.getString(4)),
        FeatureType.fromDb(rs.getString(5)),
        rs.getInt(6),
        ours ? LedgerSource.CREDITDESK : LedgerSource.WEBAPP,
        ours ? (Integer) rs.getObject(8) : null,
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        uuid(rs.getString(12)),
        rs.getInt(13),
        rs.getString(14));
  }


  /** Lenient as the search box is: a malformed id in a web-app row reads as none. */
  private static UUID uuid(String text) {
    if (text == null || text.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
