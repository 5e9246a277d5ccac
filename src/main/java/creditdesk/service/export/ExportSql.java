package creditdesk.service.export;

import creditdesk.service.common.ValidationException;
import creditdesk.service.ledger.LedgerRows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of the ledger and daily-usage exports. COPY takes no bind parameters, so the filter's
 * values are written into the text; each comes from a typed value (a date, a UUID) whose printed
 * form cannot contain a quote, or is an enum label written as a checked literal
 * ({@link #literal}), never other free text.
 *
 * <p>Formula neutralisation happens in the query: a text cell whose first character is one of
 * {@code = + - @ TAB CR LF} gets a leading {@code '}. The inner query computes each text value
 * once; {@code OFFSET 0} keeps the planner from folding it into the outer one, which would compute
 * the JSON text of every row twice (once to test, once to print).
 */
final class ExportSql {
  /** ascii() of the formula starters TAB, LF, CR, +, -, =, @. */
  static final String FORMULA_STARTERS = "9, 10, 13, 43, 45, 61, 64";

  /** An end date without a following day that the timestamp literal could name. */
  private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private ExportSql() {}

  static String select(ExportRequest request) {
    return switch (request.report()) {
      case LEDGER -> ledger(request.filter(), request.includeEmail());
      case DAILY_USAGE -> dailyUsage(request.filter());
      case SEARCH_RESULTS -> throw new IllegalArgumentException("search results are not SQL");
    };
  }

  /** The COPY statement that writes {@code select} as CSV with a header row. */
  static String copy(String select) {
    return "COPY (" + select + ") TO STDOUT WITH (FORMAT csv, HEADER)";
  }

  static String ledger(ExportFilter f, boolean email) {
    StringBuilder sql = new StringBuilder(1200);
    sql.append("SELECT s.id,")
        .append(" to_char(s.created_at, 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS created_at,")
        .append(" s.user_id, s.operation, s.feature_type, s.amount,")
        .append(" CASE s.operation WHEN 'deduct' THEN -s.amount WHEN 'grant' THEN s.amount")
        .append(" WHEN 'refund' THEN s.amount ELSE 0 END AS signed_amount,")
        .append(" CASE WHEN s.feature_type = 'chat_message' THEN 'free_chat_messages'")
        .append(" ELSE 'free_credits' END AS balance,")
        .append(" CASE WHEN s.ours THEN 'creditdesk' ELSE 'webapp' END AS source, ")
        .append(neutralised("s.actor")).append(" AS actor, ")
        .append(neutralised("s.reason")).append(" AS reason, ")
        .append(neutralised("s.ticket")).append(" AS ticket, ")
        .append(neutralised("s.refund_of")).append(" AS refund_of, ")
        .append(neutralised("s.metadata")).append(" AS metadata");
    if (email) {
      sql.append(", ").append(neutralised("s.email")).append(" AS email");
    }
    sql.append(" FROM (SELECT t.id, t.created_at, t.user_id, t.operation, t.feature_type, t.amount,")
        .append(' ').append(LedgerRows.OURS).append(" AS ours,")
        .append(' ').append(LedgerRows.ACTOR).append(" AS actor,")
        .append(' ').append(LedgerRows.REASON).append(" AS reason,")
        .append(' ').append(LedgerRows.TICKET).append(" AS ticket,")
        .append(' ').append(LedgerRows.REFUND_OF).append("::text AS refund_of,")
        .append(" t.metadata::text AS metadata");
    if (email) {
      sql.append(", u.email::text AS email");
    }
    sql.append(" FROM ").append(LedgerRows.FROM);
    if (email) {
      // Only the email column of "User": analysts may read no other personal data here.
      sql.append(" JOIN public.\"User\" u ON u.id = t.user_id");
    }
    where(sql, f);
    sql.append(" ORDER BY t.created_at, t.id OFFSET 0) s");
    return sql.toString();
  }

  static String dailyUsage(ExportFilter f) {
    StringBuilder sql = new StringBuilder(900);
    sql.append("SELECT to_char(t.created_at::date, 'YYYY-MM-DD') AS day, t.feature_type");
    for (String op : List.of("deduct", "grant", "refund")) {
      sql.append(", count(*) FILTER (WHERE t.operation = '").append(op).append("') AS ")
          .append(op).append("_count")
          .append(", coalesce(sum(t.amount) FILTER (WHERE t.operation = '").append(op)
          .append("'), 0) AS ").append(op).append("_sum");
    }
    sql.append(" FROM public.\"CreditTransaction\" t");
    where(sql, f);
    sql.append(" GROUP BY t.created_at::date, t.feature_type ORDER BY t.created_at::date, t.feature_type");
    return sql.toString();
  }

  private static void where(StringBuilder sql, ExportFilter f) {
    List<String> conditions = new ArrayList<>();
    if (f.hasDates()) {
      conditions.add("t.created_at >= " + timestamp(f.from()));
      if (!f.to().equals(LAST_DAY)) {
        conditions.add("t.created_at < " + timestamp(f.to().plusDays(1)));
      }
    }
    if (f.operation() != null) {
      conditions.add("t.operation = " + literal(f.operation().dbValue()));
    }
    if (f.feature() != null) {
      conditions.add("t.feature_type = " + literal(f.feature().dbValue()));
    }
    if (f.userId() != null) {
      conditions.add("t.user_id = " + uuid(f.userId()));
    }
    if (f.source() != null) {
      conditions.add(LedgerRows.sourceIs(f.source()));
    }
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
  }

  /** {@code expr} with a leading ' when its first character would start a formula. */
  static String neutralised(String expr) {
    return "CASE WHEN ascii(" + expr + ") IN (" + FORMULA_STARTERS + ") THEN '''' || " + expr
        + " ELSE " + expr + " END";
  }

  /**
   * An enum label as a string literal. Labels are the database's own (checked against its list
   * before an export starts) but may be any text: quotes are doubled, and a label that a literal
   * cannot carry safely (a NUL, a backslash that a server without standard_conforming_strings
   * would read as an escape) is refused.
   */
  static String literal(String label) {
    if (label.indexOf('\0') >= 0 || label.indexOf('\\') >= 0) {
      throw new ValidationException("The label \"" + label.replace("\0", "") + "\" cannot be used in an export filter.");
    }
    return "'" + label.replace("'", "''") + "'";
  }

  private static String timestamp(LocalDate day) {
    // LocalDate prints as uuuu-MM-dd for years 1..9999 (checked by ExportFilter): digits and dashes.
    return "TIMESTAMP '" + day + " 00:00:00'";
  }

  private static String uuid(UUID id) {
    // UUID.toString() is hex digits and dashes only.
    return "'" + id + "'::uuid";
  }
}
