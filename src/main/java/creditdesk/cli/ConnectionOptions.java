package creditdesk.cli;

import creditdesk.service.connect.ConnectionResolver;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where to connect, as options. Declared once on the top command and inherited by every
 * subcommand, so {@code creditdesk --db-url … doctor} and {@code creditdesk doctor --db-url …}
 * mean the same. There is deliberately no password option.
 */
public final class ConnectionOptions {
  @Option(
      names = "--db-url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = {
        "Database: jdbc:postgresql://host[:port]/database[?sslmode=verify-full&sslrootcert=ca.pem]"
            + " or a postgresql:// URI, never with a password in it"
            + " (default: the PG* variables, else the embedded database)."
      })
  String dbUrl;

  @Option(
      names = "--db-user",
      paramLabel = "LOGIN",
      scope = ScopeType.INHERIT,
      description = "Login to connect as. Default: PGUSER, else your operating-system user name;"
          + " on the embedded database, its owner.")
  String dbUser;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Data directory of the embedded database; by default"
          + " ~/.local/share/creditdesk, or $XDG_DATA_HOME/creditdesk when that is set.")
  Path dataDir;

  public ConnectionResolver.Request request() {
    return new ConnectionResolver.Request(dbUrl, dbUser, dataDir);
  }
}
