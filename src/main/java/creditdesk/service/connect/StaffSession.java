package creditdesk.service.connect;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.domain.StaffRole;
import creditdesk.persistence.PersistenceUnit;
import creditdesk.service.schema.DatabaseLabels;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * A logged-in staff member: their own database login, its creditdesk role, a pool and a validated
 * Hibernate unit over it. Services are built on this; closing it closes the pool.
 */
public final class StaffSession implements AutoCloseable {
  private final String login;
  private final StaffRole role;
  private final String database;
  private final String serverVersion;
  private final String schemaVersion;
  private final boolean embedded;
  private final HikariDataSource pool;
  private final PersistenceUnit persistence;
  private final DatabaseLabels labels;

  StaffSession(
      String login,
      StaffRole role,
      String database,
      String serverVersion,
      String schemaVersion,
      boolean embedded,
      HikariDataSource pool,
      PersistenceUnit persistence,
      DatabaseLabels labels) {
    this.login = login;
    this.role = role;
    this.database = database;
    this.serverVersion = serverVersion;
    this.schemaVersion = schemaVersion;
    this.embedded = embedded;
    this.pool = pool;
    this.persistence = persistence;
    this.labels = labels;
  }

  public String login() {
    return login;
  }

  public StaffRole role() {
    return role;
  }

  /** host:port/database, for the status bar. */
  public String database() {
    return database;
  }

  public String serverVersion() {
    return serverVersion;
  }

  public String schemaVersion() {
    return schemaVersion;
  }

  public boolean embedded() {
    return embedded;
  }

  /** The enum labels the database had at login, unknown ones included. */
  public DatabaseLabels labels() {
    return labels;
  }

  public DataSource dataSource() {
    return pool;
  }

  public SessionFactory sessionFactory() {
    return persistence.sessionFactory();
  }

  @Override
  public void close() {
    persistence.close();
    pool.close();
  }
}
