package creditdesk.service.connect;

import creditdesk.db.PgPass;
import creditdesk.service.common.DatabaseUnavailableException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Where a password comes from, as in libpq: PGPASSWORD, else the password file, else a prompt. */
final class PgPasswordSources {
  private final PgEnvironment env;

  PgPasswordSources(PgEnvironment env) {
    this.env = env;
  }

  /** @throws DatabaseUnavailableException when none of the sources gives one */
  char[] password(
      String host, int port, String database, String user, PasswordPrompt prompt,
      Consumer<String> warnings) {
    Optional<char[]> stored = stored(host, port, database, user, warnings);
    if (stored.isPresent()) {
      return stored.get();
    }
    String where = user + "@" + host + ":" + port + "/" + database;
    char[] typed = prompt.ask("Password for " + where + ": ");
    if (typed == null) {
      throw new DatabaseUnavailableException(
          "No password for " + where + ": set PGPASSWORD, add a line to ~/.pgpass (or PGPASSFILE),"
              + " or run creditdesk in a terminal to be asked.");
    }
    if (typed.length == 0) {
      throw new DatabaseUnavailableException("No password was entered for " + where + ".");
    }
    return typed;
  }

  /** PGPASSWORD, else the matching line of PGPASSFILE or ~/.pgpass; no prompt. */
  Optional<char[]> stored(
      String host, int port, String database, String user, Consumer<String> warnings) {
    String fromEnv = env.password();
    if (fromEnv != null) {
      return Optional.of(fromEnv.toCharArray());
    }
    return PgPass.lookup(env.passFile(), host, Integer.toString(port), database, user, warnings)
        .map(String::toCharArray);
  }

  /** The stored passwords for {@code server}, by login. */
  StoredPasswords forServer(ConnectionResolver.Server server, Consumer<String> warnings) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(warnings, "warnings");
    return login -> stored(server.host(), server.port(), server.database(), login, warnings);
  }
}
