package creditdesk.db;

import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and as whom to connect. The password is held as characters, cleared by {@link
 * #clearPassword()}, and never appears in {@link #toString()}.
 */
public final class ConnectionSettings {
  /** Seconds to wait for a TCP connection and for the login to complete. */
  public static final int CONNECT_TIMEOUT_SECONDS = 10;

  /**
   * Seconds an interactive statement may go without a byte from the server before its connection
   * counts as lost. The server stops support and admin statements after 30 s (statement_timeout),
   * and the ones the console and the commands run take well under a second; 20 s leaves room for
   * the connection and login before it so that a command on a silent (black-holed) network ends
   * within 30 s. TCP keepalive cannot do this: its first probe comes after hours by default.
   */
  public static final int SOCKET_TIMEOUT_SECONDS = 20;

  /** Seconds an export stream (COPY) may go without data before it fails. */
  public static final int EXPORT_SILENCE_SECONDS = 60;

  /** Migrations (index builds on large tables) run long single statements. */
  public static final int MIGRATION_SOCKET_TIMEOUT_SECONDS = 300;

  /**
   * Run on every new pooled connection: the UTC session time zone (the web app's timestamps are
   * UTC without time zone). TimeZone is one of the parameters PgBouncer tracks per client and
   * restores on whichever server session serves the next transaction.
   */
  public static final String SESSION_INIT_SQL = "SET TimeZone = 'UTC'";

  /** System properties that override the figures above, so tests can use small ones. */
  static final String CONNECT_TIMEOUT_PROPERTY = "creditdesk.connectTimeoutSeconds";
  static final String SOCKET_TIMEOUT_PROPERTY = "creditdesk.socketTimeoutSeconds";
  static final String EXPORT_SILENCE_PROPERTY = "creditdesk.exportSilenceSeconds";

  private final String jdbcUrl;
  private final String user;
  private final char[] password;
  private final boolean embedded;
  /** Null: the interactive default. */
  private final Integer socketTimeoutSeconds;

  public ConnectionSettings(String jdbcUrl, String user, char[] password, boolean embedded) {
    this(jdbcUrl, user, password, embedded, null);
  }

  private ConnectionSettings(
      String jdbcUrl, String user, char[] password, boolean embedded, Integer socketTimeoutSeconds) {
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    this.user = Objects.requireNonNull(user, "user");
    this.password = password == null ? null : password.clone();
    this.embedded = embedded;
    this.socketTimeoutSeconds = socketTimeoutSeconds;
  }

  /** The same login with another socket read timeout (0: none), for long statements. */
  public ConnectionSettings withSocketTimeout(int seconds) {
    return new ConnectionSettings(jdbcUrl, user, password, embedded, seconds);
  }

  /** Seconds without a byte from the server after which a statement's connection is lost. */
  public int socketTimeoutSeconds() {
    return socketTimeoutSeconds != null ? socketTimeoutSeconds
        : seconds(SOCKET_TIMEOUT_PROPERTY, SOCKET_TIMEOUT_SECONDS);
  }

  public static int connectTimeoutSeconds() {
    return seconds(CONNECT_TIMEOUT_PROPERTY, CONNECT_TIMEOUT_SECONDS);
  }

  public static int exportSilenceSeconds() {
    return seconds(EXPORT_SILENCE_PROPERTY, EXPORT_SILENCE_SECONDS);
  }

  private static int seconds(String property, int otherwise) {
    String value = System.getProperty(property);
    try {
      return value == null ? otherwise : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public boolean hasPassword() {
    return password != null;
  }

  /** True for the embedded default database, whose demo logins the login window may show. */
  public boolean embedded() {
    return embedded;
  }

  public ConnectionSettings withUser(String otherUser, char[] otherPassword) {
    return new ConnectionSettings(jdbcUrl, otherUser, otherPassword, embedded, socketTimeoutSeconds);
  }

  public ConnectionSettings withPassword(char[] otherPassword) {
    return new ConnectionSettings(jdbcUrl, user, otherPassword, embedded, socketTimeoutSeconds);
  }

  /** Host, port and database for display, without credentials or parameters. */
  public String displayName() {
    String rest = jdbcUrl.replaceFirst("^jdbc:postgresql://", "");
    int query = rest.indexOf('?');
    return query < 0 ? rest : rest.substring(0, query);
  }

  /**
   * Driver properties: credentials, timeouts, and an application name that shows in
   * pg_stat_activity. No startup {@code options} (PgBouncer refuses the connection: "unsupported
   * startup parameter: options"); pools set the UTC session time zone instead ({@link
   * #SESSION_INIT_SQL}). No
   * server-side prepared statements (prepareThreshold 0): a transaction-pooling PgBouncer hands
   * each transaction a different server session, where a named statement is missing or exists
   * already ("prepared statement S_1 already exists").
   */
  public Properties jdbcProperties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", new String(password));
    }
    p.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds()));
    p.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds()));
    p.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds()));
    p.setProperty("prepareThreshold", "0");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "creditdesk");
    return p;
  }

  public void clearPassword() {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }

  @Override
  public String toString() {
    return "ConnectionSettings[" + displayName() + " as " + user + "]";
  }
}
