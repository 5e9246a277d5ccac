package creditdesk.service.connect;

import java.util.Optional;

/**
 * Passwords the person has stored outside creditdesk (PGPASSWORD, ~/.pgpass) for the database the
 * console was opened on, looked up by login. Lets the login window log in with an empty password
 * field, as psql would. Looked up off the UI thread (it reads a file).
 */
@FunctionalInterface
public interface StoredPasswords {
  StoredPasswords NONE = login -> Optional.empty();

  /** The stored password for {@code login}; the caller clears it after use. */
  Optional<char[]> find(String login);
}
