package creditdesk.service.user;

import creditdesk.domain.Balance;
import creditdesk.domain.UserAccount;
import creditdesk.persistence.UserRows;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.UserNotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.JDBCException;
import org.hibernate.SessionFactory;

/**
 * A user's identity, plan and balances, each balance beside what the ledger explains. All of it
 * is read in one read-only REPEATABLE READ snapshot: a web-app deduction and its ledger row
 * committed between the reads would otherwise show as a disagreement that does not exist.
 */
public final class UserDetailService {
  private static final String SUMS =
      "SELECT feature_type::text = 'chat_message',"
          + " coalesce(sum(amount) FILTER (WHERE operation::text = 'grant'), 0),"
          + " coalesce(sum(amount) FILTER (WHERE operation::text = 'refund'), 0),"
          + " coalesce(sum(amount) FILTER (WHERE operation::text = 'deduct'), 0),"
          + " count(*)"
          + " FROM public.\"CreditTransaction\" WHERE user_id = ?"
          + " GROUP BY feature_type::text = 'chat_message'";

  private static final String DEFAULTS =
      "SELECT a.attname::text, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d"
          + " JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
          + " WHERE d.adrelid = to_regclass('public.\"User\"')"
          + " AND a.attname IN ('free_credits', 'free_chat_messages')";

  private final SessionFactory sessionFactory;
  private final Clock clock;
  private final Runnable betweenReads;
  private final UserRows users = new UserRows();

  public UserDetailService(SessionFactory sessionFactory) {
    this(sessionFactory, Clock.systemUTC());
  }

  /** @param clock "now" for the plan (a yearly plan lapses at a moment) */
  public UserDetailService(SessionFactory sessionFactory, Clock clock) {
    this(sessionFactory, clock, () -> {});
  }

  /** For tests: {@code betweenReads} runs after the user row is read, before the ledger sums. */
  UserDetailService(SessionFactory sessionFactory, Clock clock, Runnable betweenReads) {
    this.sessionFactory = Objects.requireNonNull(sessionFactory);
    this.clock = Objects.requireNonNull(clock);
    this.betweenReads = Objects.requireNonNull(betweenReads);
  }

  public UserDetail load(UUID userId) {
    try {
      return users.read(sessionFactory, c -> load(c, userId));
    } catch (JDBCException e) {
      throw DatabaseErrors.translate(e.getSQLException());
    }
  }

  private UserDetail load(Connection c, UUID userId) throws SQLException {
    // The first statement of the transaction, so that every read below shares one snapshot.
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }
    UserRows.Shape shape = users.shape(c);
    UserAccount u;
    try (PreparedStatement s = c.prepareStatement(shape.select() + " WHERE u.id = ?")) {
      s.setObject(1, userId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new UserNotFoundException("No user with id " + userId + ".");
        }
        u = shape.map(rs);
      }
    }
    betweenReads.run();
    long[][] sums = sums(c, userId);
    int[] start = startingAllowances(c);
    return new UserDetail(
        u.id(),
        u.email(),
        u.name(),
        u.level(),
        u.status(),
        u.renewalPeriod(),
        u.createdAt(),
        u.lastPayment(),
        u.demo(),
        u.emailVerified(),
        u.provider(),
        u.plan(LocalDateTime.now(clock)),
        explain(Balance.CREDITS, u, sums[0], start[0]),
        explain(Balance.CHAT_MESSAGES, u, sums[1], start[1]),
        u.missing());
  }

  private static BalanceExplanation explain(
      Balance balance, UserAccount u, long[] sums, int start) {
    return new BalanceExplanation(u.reading(balance), start, sums[0], sums[1], sums[2], sums[3]);
  }

  /** Per balance (credits, chat): grants, refunds, deductions, row count. */
  private static long[][] sums(Connection c, UUID userId) throws SQLException {
    long[][] result = new long[2][4];
    try (PreparedStatement s = c.prepareStatement(SUMS)) {
      s.setObject(1, userId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          int i = rs.getBoolean(1) ? 1 : 0;
          for (int k = 0; k < 4; k++) {
            result[i][k] = rs.getLong(k + 2);
          }
        }
      }
    }
    return result;
  }

  /**
   * The column defaults (10 credits, 20 chat messages today; they have changed before), taken as
   * every user's starting balance; 0 where there is none.
   */
  private static int[] startingAllowances(Connection c) throws SQLException {
    int[] result = new int[2];
    try (PreparedStatement s = c.prepareStatement(DEFAULTS);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        int i = Balance.CREDITS.column().equals(rs.getString(1)) ? 0 : 1;
        result[i] = parseDefault(rs.getString(2));
      }
    }
    return result;
  }

  private static int parseDefault(String expression) {
    if (expression == null) {
      return 0;
    }
    try {
      return Integer.parseInt(expression.replaceAll("[^0-9-]", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
