package creditdesk.service.connect;

import creditdesk.db.ConnectionSettings;
import creditdesk.service.common.DatabaseUnavailableException;
import creditdesk.service.common.ValidationException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns command-line options and the environment into where to connect and a password,
 * the way libpq does: an explicit URL first, else the standard PG* variables, else (no database
 * given at all) the embedded default. The password comes from PGPASSWORD, then the password file,
 * then a prompt; never from an option. Pure: the environment, home directory and prompt are
 * handed in. The façade the CLI and the console call: {@link PgUrlParser} reads URLs,
 * {@link PgEnvironment} the PG* variables, {@link PgTlsParameters} the TLS settings and
 * {@link PgPasswordSources} the passwords.
 */
public final class ConnectionResolver {
  /** libpq's sslmode values; pgjdbc knows the same names. */
  public static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  public static final int DEFAULT_PORT = 5432;

  /** Where to connect, before any password is known. */
  public sealed interface Resolved permits Embedded, Server {
    /** What the console is opened on: the login it suggests, no password. */
    ConnectionTarget target();
  }

  /**
   * The embedded default database in {@code dataDir}; {@code user} null means its superuser, the
   * database owner, who needs no password on loopback.
   */
  public record Embedded(Path dataDir, String user) implements Resolved {
    @Override
    public ConnectionTarget target() {
      return new ConnectionTarget.Embedded(dataDir);
    }
  }

  /**
   * A PostgreSQL server. {@code jdbcUrl} carries the driver parameters (sslmode, sslrootcert, ...)
   * but never a user or password; {@code host} is the first host, as the password file knows it.
   */
  public record Server(String jdbcUrl, String host, int port, String database, String user)
      implements Resolved {
    @Override
    public ConnectionTarget target() {
      return new ConnectionTarget.Remote(jdbcUrl, user);
    }

    /** host:port/database for messages. */
    public String displayName() {
      return host + ":" + port + "/" + database;
    }
  }

  /** What the person asked for: any of these may be null. */
  public record Request(String dbUrl, String dbUser, Path dataDir) {
    public static final Request NONE = new Request(null, null, null);
  }

  private final PgEnvironment env;
  private final PgTlsParameters tls;
  private final PgUrlParser urls;
  private final PgPasswordSources passwords;

  /**
   * @param home the home directory (for ~/.pgpass and ~/.postgresql/root.crt)
   * @param osUser the default login, as libpq takes the operating-system user name
   */
  public ConnectionResolver(Map<String, String> env, Path home, String osUser) {
    this.env = new PgEnvironment(env, home, osUser);
    this.tls = new PgTlsParameters(this.env);
    this.urls = new PgUrlParser(this.env, tls);
    this.passwords = new PgPasswordSources(this.env);
  }

  public static ConnectionResolver system() {
    return new ConnectionResolver(
        System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
  }

  /** Where to connect; {@link ValidationException} for anything malformed. */
  public Resolved resolve(Request request) {
    String dbUser = PgServerUrl.blankToNull(request.dbUser());
    if (request.dbUrl() != null) {
      if (request.dataDir() != null) {
        throw new ValidationException(
            "--data-dir is for the embedded database and cannot be combined with --db-url.");
      }
      return urls.parse(request.dbUrl().trim(), dbUser);
    }
    if (request.dataDir() != null || !databaseInEnvironment()) {
      return new Embedded(env.dataDirectory(request.dataDir()), dbUser);
    }
    return env.fromVariables(dbUser, tls);
  }

  /**
   * Where creditdesk keeps its own files for {@code target}: the embedded database's directory,
   * else the default data directory.
   */
  public Path dataDirectory(Resolved target) {
    return target instanceof Embedded embedded
        ? embedded.dataDir()
        : env.dataDirectory(null);
  }

  /** True when a PG* variable names a server or database. PGUSER alone does not. */
  public boolean databaseInEnvironment() {
    return env.databaseInEnvironment();
  }

  /** Settings for a server, with the password from {@link #password}. */
  public ConnectionSettings settings(
      Server server, PasswordPrompt prompt, Consumer<String> warnings) {
    char[] password =
        password(server.host(), server.port(), server.database(), server.user(), prompt, warnings);
    try {
      return new ConnectionSettings(server.jdbcUrl(), server.user(), password, false);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * PGPASSWORD, else the password file, else the prompt.
   *
   * @throws DatabaseUnavailableException when none of them gives one
   */
  public char[] password(
      String host, int port, String database, String user, PasswordPrompt prompt,
      Consumer<String> warnings) {
    return passwords.password(host, port, database, user, prompt, warnings);
  }

  /** PGPASSWORD, else the matching line of PGPASSFILE or ~/.pgpass; no prompt. */
  public Optional<char[]> storedPassword(
      String host, int port, String database, String user, Consumer<String> warnings) {
    return passwords.stored(host, port, database, user, warnings);
  }

  /**
   * The console's lookup of stored passwords for {@code server}, by the login typed in its window;
   * warnings about the password file (permissions, unreadable) go to {@code warnings}.
   */
  public StoredPasswords storedPasswords(Server server, Consumer<String> warnings) {
    return passwords.forServer(server, warnings);
  }

  /** PGPASSFILE, else ~/.pgpass. */
  public Path passFile() {
    return env.passFile();
  }
}
