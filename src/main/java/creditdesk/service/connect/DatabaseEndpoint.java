package creditdesk.service.connect;

import creditdesk.db.ConnectionSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * A database ready to log in to: where it is, how to name it to a person, and whether it is the
 * embedded demo database (whose demo logins the console may show).
 */
public record DatabaseEndpoint(
    String jdbcUrl, String displayName, boolean embedded, Optional<String> suggestedLogin) {
  public static final String EMBEDDED_DISPLAY_NAME = "Local demo database";

  public DatabaseEndpoint {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(suggestedLogin, "suggestedLogin");
  }

  public static DatabaseEndpoint embedded(String jdbcUrl) {
    return new DatabaseEndpoint(jdbcUrl, EMBEDDED_DISPLAY_NAME, true, Optional.empty());
  }

  public static DatabaseEndpoint remote(ConnectionTarget.Remote target) {
    return new DatabaseEndpoint(
        target.jdbcUrl(), displayNameOf(target.jdbcUrl()), false, target.suggestedUser());
  }

  /** host:port/database of a JDBC URL, without parameters (which may name files or keys). */
  public static String displayNameOf(String jdbcUrl) {
    return new ConnectionSettings(jdbcUrl, "", null, false).displayName();
  }

  public ConnectionSettings settingsFor(String login, char[] password) {
    return new ConnectionSettings(jdbcUrl, login, password, embedded);
  }
}
