package creditdesk.service.connect;

import static creditdesk.service.connect.PgServerUrl.blankToNull;
import static creditdesk.service.connect.PgServerUrl.decode;
import static creditdesk.service.connect.PgServerUrl.firstNonNull;
import static creditdesk.service.connect.PgServerUrl.hostPart;
import static creditdesk.service.connect.PgServerUrl.port;
import static creditdesk.service.connect.PgServerUrl.server;

import creditdesk.service.common.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads --db-url: jdbc:postgresql:// or libpq's postgresql:// form, several hosts, IPv6 in
 * brackets, query parameters; never a password. What the URL leaves out comes from the
 * environment.
 */
final class PgUrlParser {
  private final PgEnvironment env;
  private final PgTlsParameters tls;

  PgUrlParser(PgEnvironment env, PgTlsParameters tls) {
    this.env = env;
    this.tls = tls;
  }

  /** The server {@code url} names; {@code dbUser} (--db-user) wins over the URL's user. */
  ConnectionResolver.Server parse(String url, String dbUser) {
    String rest;
    String urlUser = null;
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql://")) {
      rest = url.substring("jdbc:postgresql://".length());
    } else if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
      rest = url.substring(url.indexOf("://") + 3);
      int at = rest.lastIndexOf('@', firstIndexOf(rest, "/?"));
      if (at >= 0) {
        String userInfo = rest.substring(0, at);
        if (userInfo.contains(":")) {
          throw passwordInUrl();
        }
        urlUser = blankToNull(decode(userInfo));
        rest = rest.substring(at + 1);
      }
    } else {
      throw new ValidationException(
          "--db-url must look like jdbc:postgresql://host[:port]/database[?sslmode=...].");
    }
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String path = null;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = blankToNull(decode(rest.substring(slash + 1)));
      rest = rest.substring(0, slash);
    }
    if (rest.isBlank()) {
      throw new ValidationException(
          "--db-url has no host; it must look like jdbc:postgresql://host[:port]/database.");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.put(key, value);
    }
    if (params.containsKey("password")) {
      throw passwordInUrl();
    }
    String paramUser = blankToNull(params.remove("user"));
    String user = firstNonNull(dbUser, paramUser, urlUser, env.var("PGUSER"), env.osUser());

    // Hosts with optional ports, IPv6 in brackets; the first one is the password file's host.
    List<String> authority = new ArrayList<>();
    String firstHost = null;
    int firstPort = 0;
    String defaultPort = env.var("PGPORT") == null
        ? Integer.toString(ConnectionResolver.DEFAULT_PORT)
        : env.var("PGPORT");
    for (String hp : rest.split(",")) {
      String host;
      String port = null;
      if (hp.startsWith("[")) {
        int close = hp.indexOf(']');
        if (close < 0) {
          throw new ValidationException("--db-url has an IPv6 address without its closing ']'.");
        }
        host = hp.substring(1, close);
        String after = hp.substring(close + 1);
        if (after.startsWith(":")) {
          port = after.substring(1);
        } else if (!after.isEmpty()) {
          throw new ValidationException("--db-url has something odd after an IPv6 address.");
        }
      } else {
        int colon = hp.lastIndexOf(':');
        host = colon < 0 ? hp : hp.substring(0, colon);
        port = colon < 0 ? null : hp.substring(colon + 1);
      }
      if (host.isBlank()) {
        throw new ValidationException("--db-url names an empty host.");
      }
      int p = port(port == null || port.isEmpty() ? defaultPort : port, "The port in --db-url");
      authority.add(hostPart(host) + ":" + p);
      if (firstHost == null) {
        firstHost = host;
        firstPort = p;
      }
    }
    String database = firstNonNull(path, env.var("PGDATABASE"), user);
    tls.apply(params);
    return server(String.join(",", authority), firstHost, firstPort, database, user, params);
  }

  private static ValidationException passwordInUrl() {
    return new ValidationException(
        "--db-url must not contain a password; creditdesk reads it from PGPASSWORD, ~/.pgpass"
            + " or a prompt.");
  }

  private static int firstIndexOf(String s, String chars) {
    int best = s.length();
    for (char c : chars.toCharArray()) {
      int i = s.indexOf(c);
      if (i >= 0 && i < best) {
        best = i;
      }
    }
    return best;
  }
}
