package creditdesk.db;

import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and as whom to connect. The password is held as characters, cleared by {@link
 * #clearPassword()}, and never appears in {@link #toString()}.
 */
public final class ConnectionSettings {
  /** Seconds to wait for a TCP connection and for any one socket read. */
  public static final int CONNECT_TIMEOUT_SECONDS = 10;

  public static final int SOCKET_TIMEOUT_SECONDS = 300;

  private final String jdbcUrl;
  private final String user;
  private final char[] password;
  private final boolean embedded;

  public ConnectionSettings(String jdbcUrl, String user, char[] password, boolean embedded) {
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    this.user = Objects.requireNonNull(user, "user");
    this.password = password == null ? null : password.clone();
    this.embedded = embedded;
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
    return new ConnectionSettings(jdbcUrl, otherUser, otherPassword, embedded);
  }

  public ConnectionSettings withPassword(char[] otherPassword) {
    return new ConnectionSettings(jdbcUrl, user, otherPassword, embedded);
  }

  /** Host, port and database for display, without credentials or parameters. */
  public String displayName() {
    String rest = jdbcUrl.replaceFirst("^jdbc:postgresql://", "");
    int query = rest.indexOf('?');
    return query < 0 ? rest : rest.substring(0, query);
  }

  /**
   * Driver properties: credentials, timeouts, UTC session time zone (the web app's timestamps are
   * UTC without time zone), and an application name that shows in pg_stat_activity.
   */
  public Properties jdbcProperties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", new String(password));
    }
    p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    p.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "creditdesk");
    p.setProperty("options", "-c TimeZone=UTC");
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
