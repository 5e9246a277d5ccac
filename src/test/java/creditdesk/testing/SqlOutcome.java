package creditdesk.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PSQLException;

/**
 * What happened when one statement ran: "ok", or its SQLSTATE and message. The statement runs in a
 * transaction of its own that is always rolled back, so a probe never changes the database.
 */
public record SqlOutcome(String sqlState, String message) {
  public static final SqlOutcome OK = new SqlOutcome(null, null);

  public boolean ok() {
    return sqlState == null;
  }

  /** Refused for lack of a privilege (not by a trigger that happens to use the same SQLSTATE). */
  public boolean permissionDenied() {
    return "42501".equals(sqlState) && message != null && message.startsWith("permission denied");
  }

  public static SqlOutcome attempt(Connection c, String sql) {
    try {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(sql);
        return OK;
      } catch (SQLException e) {
        return new SqlOutcome(e.getSQLState(), serverMessage(e));
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run a probe: " + e.getMessage(), e);
    }
  }

  private static String serverMessage(SQLException e) {
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      return p.getServerErrorMessage().getMessage();
    }
    return e.getMessage();
  }

  @Override
  public String toString() {
    return ok() ? "ok" : sqlState + " " + message;
  }
}
