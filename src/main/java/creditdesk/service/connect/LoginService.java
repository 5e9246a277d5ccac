package creditdesk.service.connect;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import creditdesk.db.ConnectionGuard;
import creditdesk.db.ConnectionSettings;
import creditdesk.db.Migrations;
import creditdesk.db.Pools;
import creditdesk.domain.StaffRole;
import creditdesk.persistence.PersistenceUnit;
import creditdesk.persistence.SchemaMismatchException;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.common.PermissionDeniedException;
import creditdesk.service.schema.DatabaseLabels;
import creditdesk.service.schema.SchemaOutdatedException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.FlywayException;

/**
 * Opens a {@link StaffSession}: connects as the staff member's own login, finds its creditdesk
 * role, checks that the database has exactly the migrations this build expects, and validates the
 * Hibernate mapping. Every failure is one typed, readable exception.
 */
public final class LoginService {
  /** Connections per staff session: the console needs few, and the web app shares the server. */
  public static final int POOL_SIZE = 4;

  private final ConnectionGuard guard;

  public LoginService() {
    this(ConnectionGuard.NONE);
  }

  /** Sessions whose pools run {@code guard} before every connection they hand out. */
  public LoginService(ConnectionGuard guard) {
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  public StaffSession login(ConnectionSettings settings) {
    HikariDataSource pool = open(settings, guard);
    try {
      Facts facts = facts(pool);
      if (facts.role() == null) {
        throw new PermissionDeniedException(
            "The login \"" + facts.login() + "\" is not a creditdesk staff member;"
                + " a database owner adds it with `creditdesk staff add`.");
      }
      String version = checkSchema(pool);
      DatabaseLabels labels = DatabaseLabels.read(pool);
      PersistenceUnit persistence = openPersistence(pool);
      return new StaffSession(
          facts.login(),
          facts.role(),
          settings.displayName(),
          facts.serverVersion(),
          version,
          settings.embedded(),
          pool,
          persistence,
          labels);
    } catch (RuntimeException e) {
      pool.close();
      // Whatever step lost the connection (Flyway, Hibernate's metadata), it is exit code 5.
      DatabaseUnavailableException lost = DatabaseErrors.unavailable(e);
      throw lost != null ? lost : e;
    }
  }

  /** What the server says about this login. */
  public record Facts(String login, StaffRole role, String serverVersion) {}

  /** Opens a pool and proves it can connect. */
  public static HikariDataSource open(ConnectionSettings settings) {
    return open(settings, ConnectionGuard.NONE);
  }

  private static HikariDataSource open(ConnectionSettings settings, ConnectionGuard guard) {
    try {
      return Pools.open(settings, settings.user(), POOL_SIZE, guard);
    } catch (HikariPool.PoolInitializationException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw DatabaseErrors.translate(sql);
      }
      DatabaseUnavailableException lost = DatabaseErrors.unavailable(e.getCause());
      if (lost != null) {
        throw lost;
      }
      throw new DatabaseUnavailableException(
          "The database cannot be reached: " + e.getMessage(), e);
    }
  }

  public static Facts facts(javax.sql.DataSource ds) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      String login;
      String server;
      try (ResultSet rs = s.executeQuery("SELECT session_user, current_setting('server_version')")) {
        rs.next();
        login = rs.getString(1);
        server = rs.getString(2);
      }
      boolean migrated;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                  + " WHERE n.nspname = 'creditdesk' AND p.proname = 'staff_role')")) {
        rs.next();
        migrated = rs.getBoolean(1);
      }
      if (!migrated) {
        throw new SchemaOutdatedException(
            "This database has no creditdesk schema yet; a database owner runs `creditdesk migrate`.");
      }
      String role;
      try (ResultSet rs = s.executeQuery("SELECT creditdesk.staff_role(session_user)")) {
        rs.next();
        role = rs.getString(1);
      }
      return new Facts(login, StaffRole.fromStaffRoleFunction(role), server);
    } catch (SQLException e) {
      throw DatabaseErrors.translate(e);
    }
  }

  /** Returns the applied schema version, or explains what is missing. */
  public static String checkSchema(javax.sql.DataSource ds) {
    try {
      Migrations migrations = new Migrations(ds);
      List<String> pending = migrations.pending();
      if (!pending.isEmpty()) {
        throw new SchemaOutdatedException(
            "The database lacks creditdesk migrations " + String.join(", ", pending)
                + "; a database owner runs `creditdesk migrate`.");
      }
      List<String> unknown = migrations.unknownApplied();
      if (!unknown.isEmpty()) {
        throw new SchemaOutdatedException(
            "The database has migrations newer than this creditdesk (" + String.join(", ", unknown)
                + "); install the matching creditdesk version.");
      }
      return migrations.appliedVersion();
    } catch (FlywayException e) {
      DatabaseUnavailableException lost = DatabaseErrors.unavailable(e);
      if (lost != null) {
        throw lost;
      }
      throw new SchemaOutdatedException(
          "The creditdesk schema version cannot be read: " + e.getMessage(), e);
    }
  }

  public static PersistenceUnit openPersistence(javax.sql.DataSource ds) {
    try {
      return PersistenceUnit.open(ds);
    } catch (SchemaMismatchException e) {
      DatabaseUnavailableException lost = DatabaseErrors.unavailable(e);
      throw lost != null ? lost : new SchemaOutdatedException(e.getMessage(), e);
    } catch (RuntimeException e) {
      DatabaseUnavailableException lost = DatabaseErrors.unavailable(e);
      throw lost != null ? lost : e;
    }
  }
}
