package creditdesk.service.staff;

import creditdesk.domain.StaffRole;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Staff logins, managed by a database owner (a login with CREATEROLE). Passwords are hashed with
 * SCRAM on the client, so they never travel or get logged as SQL text.
 */
public final class StaffService {
  private static final Pattern LOGIN = Pattern.compile("[a-z_][a-z0-9_.\\-]{0,62}");

  private final DataSource owner;

  public StaffService(DataSource owner) {
    this.owner = owner;
  }

  public static String validateLogin(String login) {
    if (login == null || !LOGIN.matcher(login).matches()) {
      throw new ValidationException(
          "A login is 1 to 63 lower-case letters, digits, '_', '.' or '-', starting with a letter or '_'.");
    }
    if (login.startsWith("creditdesk_") || login.startsWith("pg_") || login.equals("postgres")) {
      throw new ValidationException("\"" + login + "\" is reserved; choose another login.");
    }
    return login;
  }

  /** Creates the login in {@code role}, or fails if a role of that name exists. */
  public void add(String login, StaffRole role, char[] password) {
    validateLogin(login);
    if (password == null || password.length < 8) {
      throw new ValidationException("A staff password has at least 8 characters.");
    }
    run(
        c -> {
          if (exists(c, login)) {
            throw new ValidationException("A database role named \"" + login + "\" already exists.");
          }
          try (Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + ident(c, login) + " LOGIN IN ROLE " + role.groupRole());
          }
          c.unwrap(PGConnection.class).alterUserPassword(login, password, "scram-sha-256");
          copySettings(c, login, role);
        });
  }

  /** Moves a staff login to another role. */
  public void changeRole(String login, StaffRole role) {
    validateLogin(login);
    run(
        c -> {
          requireStaff(c, login);
          try (Statement s = c.createStatement()) {
            for (StaffRole other : StaffRole.values()) {
              if (other != role) {
                s.execute("REVOKE " + other.groupRole() + " FROM " + ident(c, login));
              }
            }
            s.execute("GRANT " + role.groupRole() + " TO " + ident(c, login));
          }
          copySettings(c, login, role);
        });
  }

  /** Takes the login's right to log in and ends its open sessions. */
  public void disable(String login) {
    validateLogin(login);
    run(
        c -> {
          requireStaff(c, login);
          try (Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + ident(c, login) + " NOLOGIN");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
            ps.setString(1, login);
            ps.executeQuery().close();
          }
        });
  }

  public List<StaffMember> list() {
    List<StaffMember> result = new ArrayList<>();
    run(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT r.rolname, creditdesk.staff_role(r.rolname), r.rolcanlogin"
                          + " FROM pg_roles r"
                          + " WHERE creditdesk.staff_role(r.rolname) IS NOT NULL"
                          + "   AND r.rolname NOT LIKE 'creditdesk\\_%'"
                          + " ORDER BY r.rolname");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              result.add(
                  new StaffMember(
                      rs.getString(1), StaffRole.parse(rs.getString(2)), rs.getBoolean(3)));
            }
          }
        });
    return result;
  }

  /** Applies the group role's session limits (lock and statement timeouts) to the login itself. */
  private static void copySettings(Connection c, String login, StaffRole role) throws SQLException {
    List<String> settings = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT unnest(s.setconfig) FROM pg_db_role_setting s JOIN pg_roles r"
                + " ON r.oid = s.setrole WHERE r.rolname = ? AND s.setdatabase = 0")) {
      ps.setString(1, role.groupRole());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          settings.add(rs.getString(1));
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("ALTER ROLE " + ident(c, login) + " RESET ALL");
      for (String setting : settings) {
        int eq = setting.indexOf('=');
        String name = setting.substring(0, eq);
        String value = setting.substring(eq + 1);
        s.execute(
            "ALTER ROLE " + ident(c, login) + " SET " + name + " = " + literal(c, value));
      }
    }
  }

  private static boolean exists(Connection c, String login) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      ps.setString(1, login);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void requireStaff(Connection c, String login) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT creditdesk.staff_role(?)")) {
      ps.setString(1, login);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          throw new ValidationException("\"" + login + "\" is not a creditdesk staff login.");
        }
      }
    }
  }

  private static String ident(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(?)")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static String literal(Connection c, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT quote_literal(?)")) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void run(Work work) {
    try (Connection c = owner.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e);
    }
  }
}
