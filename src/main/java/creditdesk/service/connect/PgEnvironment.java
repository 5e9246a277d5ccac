package creditdesk.service.connect;

import static creditdesk.service.connect.PgServerUrl.blankToNull;
import static creditdesk.service.connect.PgServerUrl.firstNonNull;
import static creditdesk.service.connect.PgServerUrl.hostPart;
import static creditdesk.service.connect.PgServerUrl.port;

import creditdesk.db.DataDirectory;
import creditdesk.service.common.ValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libpq's environment: the PG* variables, the home directory (for ~/.pgpass and
 * ~/.postgresql/root.crt) and the operating-system user as the default login. A blank variable
 * counts as unset.
 */
final class PgEnvironment {
  private static final String DEFAULT_HOST = "localhost";

  private final Map<String, String> env;
  private final Path home;
  private final String osUser;

  PgEnvironment(Map<String, String> env, Path home, String osUser) {
    this.env = Map.copyOf(env);
    this.home = home;
    this.osUser = osUser;
  }

  /** The variable's value, or null when unset or blank. */
  String var(String name) {
    return blankToNull(env.get(name));
  }

  /** PGPASSWORD as given (not trimmed), or null. */
  String password() {
    String value = env.get("PGPASSWORD");
    return value == null || value.isEmpty() ? null : value;
  }

  Path home() {
    return home;
  }

  String osUser() {
    return osUser;
  }

  /** The data directory asked for, else the default one (CREDITDESK_DATA and friends). */
  Path dataDirectory(Path asked) {
    return DataDirectory.resolve(asked, env);
  }

  /** True when a PG* variable names a server or database. PGUSER alone does not. */
  boolean databaseInEnvironment() {
    return var("PGHOST") != null || var("PGPORT") != null || var("PGDATABASE") != null;
  }

  /** PGPASSFILE, else ~/.pgpass. */
  Path passFile() {
    String file = var("PGPASSFILE");
    if (file != null) {
      return Path.of(file);
    }
    return home == null ? null : home.resolve(".pgpass");
  }

  /** The server PGHOST, PGPORT, PGDATABASE and PGUSER name, with the TLS variables applied. */
  ConnectionResolver.Server fromVariables(String dbUser, PgTlsParameters tls) {
    String hostVar = var("PGHOST");
    List<String> hosts = hostVar == null ? List.of(DEFAULT_HOST) : splitList(hostVar);
    for (String h : hosts) {
      if (h.startsWith("/")) {
        throw new ValidationException(
            "PGHOST \"" + h + "\" is a Unix socket directory; creditdesk connects over TCP:"
                + " set PGHOST to a host name or use --db-url.");
      }
    }
    String portVar = var("PGPORT");
    List<Integer> ports = new ArrayList<>();
    for (String p : portVar == null
        ? List.of(Integer.toString(ConnectionResolver.DEFAULT_PORT))
        : splitList(portVar)) {
      ports.add(port(p, "PGPORT"));
    }
    if (ports.size() != 1 && ports.size() != hosts.size()) {
      throw new ValidationException("PGPORT lists " + ports.size() + " ports for " + hosts.size()
          + " hosts in PGHOST; give one port, or one per host.");
    }
    List<String> authority = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      authority.add(hostPart(hosts.get(i)) + ":" + ports.get(ports.size() == 1 ? 0 : i));
    }
    String user = firstNonNull(dbUser, var("PGUSER"), osUser);
    String database = firstNonNull(var("PGDATABASE"), user);
    Map<String, String> params = new LinkedHashMap<>();
    tls.apply(params);
    return PgServerUrl.server(
        String.join(",", authority), hosts.get(0), ports.get(0), database, user, params);
  }

  private static List<String> splitList(String value) {
    List<String> items = new ArrayList<>();
    for (String s : value.split(",")) {
      items.add(s.trim());
    }
    return items;
  }
}
