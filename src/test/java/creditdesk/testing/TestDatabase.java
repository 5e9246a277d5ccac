package creditdesk.testing;

import creditdesk.db.ConnectionSettings;
import creditdesk.db.EmbeddedDatabase;
import creditdesk.domain.StaffRole;
import creditdesk.service.staff.StaffService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/** One database in the test cluster, with helpers to make staff logins and rows. */
public final class TestDatabase {
  public static final String STAFF_PASSWORD = "test-password";
  private static final AtomicInteger LOGINS = new AtomicInteger();

  private final EmbeddedDatabase cluster;
  private final String name;

  TestDatabase(EmbeddedDatabase cluster, String name) {
    this.cluster = cluster;
    this.name = name;
  }

  /** A database in a cluster of the test's own (one it stops and starts, for example). */
  public static TestDatabase in(EmbeddedDatabase cluster, String name) {
    return new TestDatabase(cluster, name);
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return cluster.jdbcUrl(name);
  }

  /** The cluster superuser on this database (plays the database owner and the web app). */
  public DataSource owner() {
    return cluster.ownerDataSource(name);
  }

  public Connection ownerConnection() throws SQLException {
    return owner().getConnection();
  }

  /** A new staff login (cluster-wide, unique name) in {@code role}, password {@link #STAFF_PASSWORD}. */
  public String createStaff(StaffRole role) {
    String login = "t_" + role.name().toLowerCase() + "_" + ProcessHandle.current().pid() + "_"
        + LOGINS.incrementAndGet();
    new StaffService(owner()).add(login, role, STAFF_PASSWORD.toCharArray());
    return login;
  }

  /**
   * A new login (cluster-wide, unique name) in no creditdesk group, password {@link
   * #STAFF_PASSWORD}: plays the web app's own database user or a role a DBA made by hand.
   */
  public String createLogin(String kind) {
    String login = "t_" + kind + "_" + ProcessHandle.current().pid() + "_" + LOGINS.incrementAndGet();
    try (Connection c = ownerConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + login + " LOGIN");
      // Hashed on the client, so the password never travels or gets logged as SQL text.
      c.unwrap(PGConnection.class)
          .alterUserPassword(login, STAFF_PASSWORD.toCharArray(), "scram-sha-256");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return login;
  }

  public ConnectionSettings settingsFor(String login) {
    return new ConnectionSettings(jdbcUrl(), login, STAFF_PASSWORD.toCharArray(), true);
  }

  /** A plain JDBC connection as {@code login}, the way psql would connect. */
  public Connection connectAs(String login) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), settingsFor(login).jdbcProperties());
  }

  /** Inserts a user the way the web app does (column defaults) and returns its id. */
  public UUID insertUser(String email, Integer credits, Integer chatMessages) {
    try (Connection c = ownerConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO \"User\" (email, name, free_credits, free_chat_messages)"
                    + " VALUES (?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, email);
      ps.setString(2, "User " + email);
      ps.setObject(3, credits);
      ps.setObject(4, chatMessages);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The web app's deduction exactly as docs/shared-database.md gives it, then its separate ledger insert.
   * Returns the new ledger row's id, or null when the balance was too low.
   */
  public UUID webAppDeduct(UUID user, String feature, int amount) {
    String column = feature.equals("chat_message") ? "free_chat_messages" : "free_credits";
    try (Connection c = ownerConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE \"User\" SET " + column + " = " + column + " - ? WHERE id = ? AND " + column
                  + " >= ? RETURNING " + column)) {
        ps.setInt(1, amount);
        ps.setObject(2, user);
        ps.setInt(3, amount);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
                  + " VALUES (?, ?, 'deduct', ?::feature_type, '{\"documentType\":\"weekly_report\"}')"
                  + " RETURNING id")) {
        ps.setObject(1, user);
        ps.setInt(2, amount);
        ps.setString(3, feature);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getObject(1, UUID.class);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Integer balance(UUID user, String column) {
    try (Connection c = ownerConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + column + " FROM \"User\" WHERE id = ?")) {
      ps.setObject(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return (Integer) rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public long count(String sql) {
    try (Connection c = ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until a session of {@code login} in this database is blocked on a lock: a definite
   * point to act at (cancel, release), observed in pg_stat_activity rather than guessed with a
   * sleep.
   */
  public void awaitLockWait(String login, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String sql = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        + " AND datname = current_database() AND usename = '" + login + "'";
    while (count(sql) == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no session of " + login + " started waiting for a lock");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
  }

  /** The first column of the first row as text (null when SQL NULL). */
  public String text(String sql) {
    try (Connection c = ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void execute(String sql) {
    try (Connection c = ownerConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drops this database (large ones: their pages need not be written when the cluster stops). */
  public void drop() {
    try (Connection c = cluster.ownerDataSource("postgres").getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
