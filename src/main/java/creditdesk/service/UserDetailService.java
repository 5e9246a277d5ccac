package creditdesk.service;

import creditdesk.domain.Balance;
import creditdesk.domain.UserAccount;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/** A user's identity and balances, each balance set beside what the ledger explains. */
public final class UserDetailService {
  private final SessionFactory sessionFactory;

  public UserDetailService(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  public UserDetail load(UUID userId) {
    return sessionFactory.fromTransaction(
        s -> {
          UserAccount u = s.find(UserAccount.class, userId);
          if (u == null) {
            throw new UserNotFoundException("No user with id " + userId + ".");
          }
          long[][] sums = sums(s, userId);
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
              explain(Balance.CREDITS, u, sums[0], startingAllowance(s, Balance.CREDITS)),
              explain(
                  Balance.CHAT_MESSAGES, u, sums[1], startingAllowance(s, Balance.CHAT_MESSAGES)));
        });
  }

  private static BalanceExplanation explain(
      Balance balance, UserAccount u, long[] sums, int start) {
    return new BalanceExplanation(
        balance, u.balance(balance), start, sums[0], sums[1], sums[2], sums[3]);
  }

  /** Per balance (credits, chat): grants, refunds, deductions, row count. */
  private static long[][] sums(Session s, UUID userId) {
    List<Object[]> rows =
        s.createNativeQuery(
                "SELECT feature_type = 'chat_message',"
                    + " coalesce(sum(amount) FILTER (WHERE operation = 'grant'), 0),"
                    + " coalesce(sum(amount) FILTER (WHERE operation = 'refund'), 0),"
                    + " coalesce(sum(amount) FILTER (WHERE operation = 'deduct'), 0),"
                    + " count(*)"
                    + " FROM public.\"CreditTransaction\" WHERE user_id = :u"
                    + " GROUP BY feature_type = 'chat_message'",
                Object[].class)
            .setParameter("u", userId)
            .getResultList();
    long[][] result = new long[2][4];
    for (Object[] r : rows) {
      int i = Boolean.TRUE.equals(r[0]) ? 1 : 0;
      for (int k = 0; k < 4; k++) {
        result[i][k] = ((Number) r[k + 1]).longValue();
      }
    }
    return result;
  }

  /** The column default (10 credits, 20 chat messages today); it has changed before. */
  private static int startingAllowance(Session s, Balance balance) {
    Object value =
        s.createNativeQuery(
                "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d"
                    + " JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                    + " WHERE d.adrelid = 'public.\"User\"'::regclass AND a.attname = :column",
                Object.class)
            .setParameter("column", balance.column())
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.toString().replaceAll("[^0-9-]", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
