package creditdesk.persistence;

import creditdesk.domain.RenewalPeriod;
import creditdesk.domain.UnsetBalances;
import creditdesk.domain.UserAccount;
import creditdesk.domain.UserLevel;
import creditdesk.domain.UserStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.JDBCException;
import org.hibernate.SessionFactory;

/**
 * Reads users from the web app's {@code "User"} table with native SQL, selecting NULL for the
 * columns the console only displays when a web-app migration has dropped them (or the login may
 * not read them). Which columns exist is learned once per instance with one catalog query, and
 * learned again when a read meets a column that has gone since.
 *
 * <p>Users are not a Hibernate entity: the mapping would have to be validated against every column
 * at login, and a dropped display column would stop the console from starting.
 */
public final class UserRows {
  /** The "User" columns the console reads, in the order {@link Shape#select} selects them. */
  public static final List<String> COLUMNS =
      List.of("id", "email", "name", "provider", "created_at", "updated_at", "email_verified",
          "level", "renewal_period", "last_payment", "status", "is_demo", "free_credits",
          "free_chat_messages");

  /** Without these no user can be found or named. */
  public static final List<String> REQUIRED = List.of("id", "email");

  private static final Set<String> LABELS = Set.of("level", "renewal_period", "status");
  private static final Map<String, String> TYPES =
      Map.of("created_at", "timestamp", "updated_at", "timestamp", "last_payment", "timestamp",
          "email_verified", "boolean", "is_demo", "boolean", "free_credits", "integer",
          "free_chat_messages", "integer");
  private static final String UNDEFINED_COLUMN = "42703";

  private static final String LEARN =
      "SELECT a.attname::text FROM pg_attribute a"
          + " WHERE a.attrelid = to_regclass('public.\"User\"') AND a.attnum > 0"
          + " AND NOT a.attisdropped AND has_column_privilege(a.attrelid, a.attnum, 'SELECT')";

  private volatile Shape shape;

  /** A unit of work on one connection, inside the caller's transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction of {@code sessionFactory}. When it fails because a column
   * went away after the shape was learned, learns the shape again and runs it once more.
   */
  public <T> T read(SessionFactory sessionFactory, Work<T> work) {
    try {
      return sessionFactory.fromTransaction(s -> s.doReturningWork(work::run));
    } catch (JDBCException e) {
      if (!UNDEFINED_COLUMN.equals(e.getSQLState()) || shape == null) {
        throw e;
      }
      shape = null;
      return sessionFactory.fromTransaction(s -> s.doReturningWork(work::run));
    }
  }

  /** The table's shape as this login sees it, learned on {@code c} the first time. */
  public Shape shape(Connection c) throws SQLException {
    Shape known = shape;
    if (known != null) {
      return known;
    }
    Set<String> present = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(LEARN);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        present.add(rs.getString(1));
      }
    }
    Set<String> missing = new LinkedHashSet<>();
    for (String column : COLUMNS) {
      if (!present.contains(column)) {
        missing.add(column);
      }
    }
    for (String column : REQUIRED) {
      if (missing.contains(column)) {
        // As PostgreSQL says it when the SELECT itself is refused.
        throw new SQLException("permission denied for table User", "42501");
      }
    }
    known = new Shape(Set.copyOf(missing));
    shape = known;
    return known;
  }

  /** Which of {@link #COLUMNS} the database has; builds the SQL and maps the rows. */
  public static final class Shape {
    private final Set<String> missing;

    Shape(Set<String> missing) {
      this.missing = missing;
    }

    public Set<String> missing() {
      return missing;
    }

    /** {@code u.column}, or a NULL of the right kind when the column is missing. */
    public String column(String column) {
      if (missing.contains(column)) {
        return "NULL::" + TYPES.getOrDefault(column, "text");
      }
      return LABELS.contains(column) ? "u." + column + "::text" : "u." + column;
    }

    /**
     * {@code SELECT <every column> FROM public."User" u}, and the web app's figures for NULL
     * balances from creditdesk.setting (evaluated once per statement).
     */
    public String select() {
      StringBuilder sql = new StringBuilder(600).append("SELECT ");
      for (String c : COLUMNS) {
        sql.append(column(c)).append(" AS ").append(c).append(", ");
      }
      sql.append("(SELECT value FROM creditdesk.setting WHERE name = 'webapp_unset_free_credits')")
          .append(" AS unset_credits, ")
          .append("(SELECT value FROM creditdesk.setting WHERE name = 'webapp_unset_free_chat_messages')")
          .append(" AS unset_chat_messages")
          .append(" FROM public.\"User\" u");
      return sql.toString();
    }

    /** The current row of a result of {@link #select}. */
    public UserAccount map(ResultSet rs) throws SQLException {
      String level = rs.getString("level");
      String period = rs.getString("renewal_period");
      String status = rs.getString("status");
      return new UserAccount(
          rs.getObject("id", UUID.class),
          rs.getString("email"),
          rs.getString("name"),
          rs.getString("provider"),
          rs.getObject("created_at", LocalDateTime.class),
          rs.getObject("updated_at", LocalDateTime.class),
          rs.getBoolean("email_verified"),
          level == null ? null : UserLevel.fromDb(level),
          period == null ? null : RenewalPeriod.fromDb(period),
          rs.getObject("last_payment", LocalDateTime.class),
          status == null ? null : UserStatus.fromDb(status),
          rs.getBoolean("is_demo"),
          rs.getObject("free_credits", Integer.class),
          rs.getObject("free_chat_messages", Integer.class),
          missing,
          UnsetBalances.parse(rs.getString("unset_credits"), rs.getString("unset_chat_messages")));
    }
  }
}
