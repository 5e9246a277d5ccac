package creditdesk.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import creditdesk.domain.CreditTransaction;
import creditdesk.domain.OperationType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.query.SelectionQuery;

/**
 * A user's ledger, newest first, paged by key (created_at, id) so that any page costs the same
 * as the first, for users with hundreds of thousands of rows.
 */
public final class HistoryService {
  public static final int DEFAULT_PAGE_SIZE = 100;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SessionFactory sessionFactory;

  public HistoryService(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  public HistoryPage page(UUID userId, HistoryFilter filter, HistoryPage.Cursor after, int size) {
    if (size < 1 || size > 1000) {
      throw new ValidationException("A page holds 1 to 1,000 rows.");
    }
    HistoryFilter f = filter == null ? HistoryFilter.NONE : filter;
    StringBuilder hql = new StringBuilder("from CreditTransaction t where t.userId = :user");
    Map<String, Object> params = new HashMap<>();
    params.put("user", userId);
    if (after != null) {
      hql.append(" and (t.createdAt < :afterTime or (t.createdAt = :afterTime and t.id < :afterId))");
      params.put("afterTime", after.createdAt());
      params.put("afterId", after.id());
    }
    if (f.operation() != null) {
      hql.append(" and t.operation = :operation");
      params.put("operation", f.operation());
    }
    if (f.feature() != null) {
      hql.append(" and t.featureType = :feature");
      params.put("feature", f.feature());
    }
    if (f.from() != null) {
      hql.append(" and t.createdAt >= :from");
      params.put("from", f.from().atStartOfDay());
    }
    if (f.to() != null) {
      hql.append(" and t.createdAt < :to");
      params.put("to", f.to().plusDays(1).atStartOfDay());
    }
    if (f.source() == LedgerSource.CREDITDESK) {
      hql.append(" and function('jsonb_extract_path_text', t.metadata, 'source') = 'creditdesk'");
    } else if (f.source() == LedgerSource.WEBAPP) {
      hql.append(
          " and coalesce(function('jsonb_extract_path_text', t.metadata, 'source'), '') <> 'creditdesk'");
    }
    hql.append(" order by t.createdAt desc, t.id desc");

    return sessionFactory.fromTransaction(
        s -> {
          SelectionQuery<CreditTransaction> q =
              s.createSelectionQuery(hql.toString(), CreditTransaction.class);
          params.forEach(q::setParameter);
          List<CreditTransaction> rows = q.setMaxResults(size + 1).getResultList();
          boolean more = rows.size() > size;
          List<CreditTransaction> shown = more ? rows.subList(0, size) : rows;
          Map<UUID, Integer> refunded = refunded(s, shown);
          List<LedgerEntry> entries = new ArrayList<>(shown.size());
          for (CreditTransaction t : shown) {
            entries.add(toEntry(t, refunded.getOrDefault(t.id(), 0)));
          }
          CreditTransaction last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
          return new HistoryPage(
              entries, more ? new HistoryPage.Cursor(last.createdAt(), last.id()) : null);
        });
  }

  /** How much creditdesk has refunded of each deduction on the page. */
  private static Map<UUID, Integer> refunded(org.hibernate.Session s, List<CreditTransaction> rows) {
    List<UUID> deductions =
        rows.stream().filter(t -> t.operation() == OperationType.DEDUCT).map(CreditTransaction::id).toList();
    Map<UUID, Integer> result = new HashMap<>();
    if (deductions.isEmpty()) {
      return result;
    }
    List<Object[]> sums =
        s.createNativeQuery(
                "SELECT refund_of, sum(amount)::int FROM creditdesk.adjustment"
                    + " WHERE refund_of = ANY(:ids) AND ledger_id IS NOT NULL GROUP BY refund_of",
                Object[].class)
            .setParameter("ids", deductions.toArray(new UUID[0]))
            .getResultList();
    for (Object[] row : sums) {
      result.put((UUID) row[0], ((Number) row[1]).intValue());
    }
    return result;
  }

  static LedgerEntry toEntry(CreditTransaction t, int refunded) {
    Map<String, Object> m = t.metadata();
    boolean ours = "creditdesk".equals(m.get("source"));
    return new LedgerEntry(
        t.id(),
        t.userId(),
        t.createdAt(),
        t.operation(),
        t.featureType(),
        t.amount(),
        ours ? LedgerSource.CREDITDESK : LedgerSource.WEBAPP,
        ours && m.get("balanceAfter") instanceof Number n ? n.intValue() : null,
        text(m.get("actor")),
        text(ours ? m.get("reason") : m.get("refundReason")),
        text(m.get("ticket")),
        uuid(m.get("refundOf")),
        refunded,
        pretty(m));
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  private static UUID uuid(Object o) {
    return o == null ? null : UserResolver.parseUuid(o.toString());
  }

  private static String pretty(Map<String, Object> metadata) {
    if (metadata.isEmpty()) {
      return "";
    }
    try {
      return JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      return metadata.toString();
    }
  }
}
