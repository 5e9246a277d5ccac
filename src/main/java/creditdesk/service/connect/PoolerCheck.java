package creditdesk.service.connect;

import creditdesk.service.common.DatabaseErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Whether a connection pooler (PgBouncer, or a managed database's "pooled" endpoint) sits
 * between creditdesk and PostgreSQL. A pooler answers the connection itself and hands the client
 * a process id of its own making (it needs it to route cancel requests), so the id the
 * connection was given differs from the server session's {@code pg_backend_pid()}.
 */
public final class PoolerCheck {
  /** What a pooler means for creditdesk, for doctor. */
  public static final String MEANING =
      "a connection pooler (PgBouncer or similar) is in between: fine for the console and every"
          + " command but migrate, since creditdesk keeps no prepared statements or session"
          + " state from one transaction to the next; pg_stat_activity shows the pooler's"
          + " sessions; run `creditdesk migrate` on a direct connection";

  private PoolerCheck() {}

  public static boolean behindPooler(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1) != c.unwrap(PGConnection.class).getBackendPID();
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e);
    }
  }
}
