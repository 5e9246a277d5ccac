package creditdesk.cli;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.ConnectionSettings;
import creditdesk.db.EmbeddedDatabase;
import creditdesk.service.connect.ConnectionResolver;
import creditdesk.service.connect.EmbeddedStartService;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.schema.SchemaService;
import javax.sql.DataSource;

/**
 * The database one command works on, as the resolved login: a server named by options or PG*
 * variables (password from PGPASSWORD, ~/.pgpass or the prompt), or the embedded database, which
 * is started for the command and stopped when it is closed.
 */
public final class DatabaseAccess implements AutoCloseable {
  /** The embedded cluster's superuser: the owner of the embedded database. */
  public static final String EMBEDDED_OWNER = "postgres";

  private final ConnectionResolver.Resolved target;
  private final EmbeddedStartService embedded;
  private ConnectionSettings settings;
  private HikariDataSource pool;

  private DatabaseAccess(ConnectionResolver.Resolved target, EmbeddedStartService embedded,
      ConnectionSettings settings) {
    this.target = target;
    this.embedded = embedded;
    this.settings = settings;
  }

  public static DatabaseAccess open(CliContext context, ConnectionOptions options) {
    ConnectionResolver resolver = context.resolver();
    ConnectionResolver.Resolved target = resolver.resolve(options.request());
    if (target instanceof ConnectionResolver.Server server) {
      return new DatabaseAccess(
          target, null, resolver.settings(server, context.prompt(), context::warn));
    }
    ConnectionResolver.Embedded local = (ConnectionResolver.Embedded) target;
    // The embedded database is the user's own: started, migrated and given its demo logins and
    // data here exactly as the console does.
    EmbeddedStartService start = new EmbeddedStartService();
    try {
      start.start(local.dataDir(), message -> {
        if (message.equals(EmbeddedStartService.LOADING_DEMO_DATA)) {
          context.err().println("creditdesk: " + message);
          context.err().flush();
        }
      });
      EmbeddedDatabase db = start.database();
      ConnectionSettings settings;
      if (local.user() == null) {
        settings = db.settingsFor(EMBEDDED_OWNER, null);
      } else {
        char[] password = resolver.password(
            "localhost", db.port(), db.database(), local.user(), context.prompt(), context::warn);
        settings = db.settingsFor(local.user(), password);
      }
      return new DatabaseAccess(target, start, settings);
    } catch (RuntimeException e) {
      start.close();
      throw e;
    }
  }

  public ConnectionResolver.Resolved target() {
    return target;
  }

  public boolean embedded() {
    return embedded != null;
  }

  /** The login's settings (with its password; never print them beyond toString). */
  public ConnectionSettings settings() {
    return settings;
  }

  /**
   * Before first use: this command runs long statements (migrations), so a read may wait minutes
   * instead of the interactive bound.
   */
  public DatabaseAccess allowingLongStatements() {
    ConnectionSettings longer =
        settings.withSocketTimeout(ConnectionSettings.MIGRATION_SOCKET_TIMEOUT_SECONDS);
    settings.clearPassword();
    settings = longer;
    return this;
  }

  /** A small pool as the login, opened on first use; the connection failure is typed. */
  public DataSource dataSource() {
    if (pool == null) {
      pool = LoginService.open(settings);
    }
    return pool;
  }

  /** Fails with exit code 6 unless the database has exactly this build's migrations. */
  public SchemaService.Status requireCurrentSchema() {
    return new SchemaService(dataSource()).requireCurrent();
  }

  /** Logs in as a staff member, for commands that act as one (the console's rules apply). */
  public StaffSession login() {
    return new LoginService().login(settings);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
    if (embedded != null) {
      embedded.close();
    }
    settings.clearPassword();
  }
}
