package creditdesk.service;

import creditdesk.db.ConnectionSettings;
import creditdesk.db.DataDirectory;
import creditdesk.db.PgPass;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns command-line options and the environment into where to connect and a password,
 * the way libpq does: an explicit URL first, else the standard PG* variables, else (no database
 * given at all) the embedded default. The password comes from PGPASSWORD, then the password file,
 * then a prompt; never from an option. Pure: the environment, home directory and prompt are
 * handed in.
 */
public final class ConnectionResolver {
  /** libpq's sslmode values; pgjdbc knows the same names. */
  public static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  public static final int DEFAULT_PORT = 5432;

  private static final String DEFAULT_HOST = "localhost";
  private static final String SYSTEM_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

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

  private final Map<String, String> env;
  private final Path home;
  private final String osUser;

  /**
   * @param home the home directory (for ~/.pgpass and ~/.postgresql/root.crt)
   * @param osUser the default login, as libpq takes the operating-system user name
   */
  public ConnectionResolver(Map<String, String> env, Path home, String osUser) {
    this.env = Map.copyOf(env);
    this.home = home;
    this.osUser = osUser;
  }

  public static ConnectionResolver system() {
    return new ConnectionResolver(
        System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
  }

  /** Where to connect; {@link ValidationException} for anything malformed. */
  public Resolved resolve(Request request) {
    String dbUser = blankToNull(request.dbUser());
    if (request.dbUrl() != null) {
      if (request.dataDir() != null) {
        throw new ValidationException(
            "--data-dir is for the embedded database and cannot be combined with --db-url.");
      }
      return fromUrl(request.dbUrl().trim(), dbUser);
    }
    if (request.dataDir() != null || !databaseInEnvironment()) {
      Path dir = DataDirectory.resolve(request.dataDir(), env);
      return new Embedded(dir, dbUser);
    }
    return fromEnvironment(dbUser);
  }

  /**
   * Where creditdesk keeps its own files for {@code target}: the embedded database's directory,
   * else the default data directory.
   */
  public Path dataDirectory(Resolved target) {
    return target instanceof Embedded embedded
        ? embedded.dataDir()
        : DataDirectory.resolve(null, env);
  }

  /** True when a PG* variable names a server or database. PGUSER alone does not. */
  public boolean databaseInEnvironment() {
    return var("PGHOST") != null || var("PGPORT") != null || var("PGDATABASE") != null;
  }

  private Resolved fromEnvironment(String dbUser) {
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
    for (String p : portVar == null ? List.of(Integer.toString(DEFAULT_PORT)) : splitList(portVar)) {
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
    applySsl(params);
    return server(String.join(",", authority), hosts.get(0), ports.get(0), database, user, params);
  }

  private Resolved fromUrl(String url, String dbUser) {
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
    String user = firstNonNull(dbUser, paramUser, urlUser, var("PGUSER"), osUser);

    // Hosts with optional ports, IPv6 in brackets; the first one is the password file's host.
    List<String> authority = new ArrayList<>();
    String firstHost = null;
    int firstPort = 0;
    String defaultPort = var("PGPORT") == null ? Integer.toString(DEFAULT_PORT) : var("PGPORT");
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
    String database = firstNonNull(path, var("PGDATABASE"), user);
    applySsl(params);
    return server(String.join(",", authority), firstHost, firstPort, database, user, params);
  }

  /**
   * sslmode and friends: the URL's parameters win, PG* variables fill what it leaves out. As in
   * libpq, {@code require} with a root certificate at hand verifies the CA, and
   * {@code sslrootcert=system} means the JVM's trusted CAs with full verification.
   */
  private void applySsl(Map<String, String> params) {
    putIfAbsent(params, "sslmode", var("PGSSLMODE"));
    putIfAbsent(params, "sslrootcert", var("PGSSLROOTCERT"));
    putIfAbsent(params, "sslcert", var("PGSSLCERT"));
    putIfAbsent(params, "sslkey", var("PGSSLKEY"));
    String timeout = var("PGCONNECT_TIMEOUT");
    if (timeout != null && !params.containsKey("connectTimeout")) {
      try {
        int seconds = Integer.parseInt(timeout.trim());
        if (seconds < 0) {
          throw new NumberFormatException();
        }
        params.put("connectTimeout", Integer.toString(seconds));
      } catch (NumberFormatException e) {
        throw new ValidationException(
            "PGCONNECT_TIMEOUT \"" + timeout + "\" is not a whole number of seconds.");
      }
    }
    String mode = params.get("sslmode");
    if (mode != null) {
      mode = mode.trim().toLowerCase(Locale.ROOT);
      if (!SSL_MODES.contains(mode)) {
        throw new ValidationException(
            "sslmode \"" + params.get("sslmode") + "\" is not one of " + String.join(", ", SSL_MODES)
                + ".");
      }
      params.put("sslmode", mode);
    }
    String rootCert = params.get("sslrootcert");
    if ("system".equals(rootCert)) {
      if (mode == null) {
        mode = "verify-full";
        params.put("sslmode", mode);
      } else if (!mode.equals("verify-full")) {
        throw new ValidationException(
            "sslrootcert=system needs sslmode verify-full (it is " + mode + ").");
      }
      params.remove("sslrootcert");
      params.put("sslfactory", SYSTEM_TRUST_FACTORY);
      return;
    }
    Path defaultRoot = home == null ? null : home.resolve(".postgresql").resolve("root.crt");
    if ("require".equals(mode)
        && (rootCert != null || (defaultRoot != null && Files.isRegularFile(defaultRoot)))) {
      mode = "verify-ca";
      params.put("sslmode", mode);
    }
    if (rootCert != null && ("verify-ca".equals(mode) || "verify-full".equals(mode))
        && !Files.isRegularFile(Path.of(rootCert))) {
      throw new ValidationException(
          "The root certificate file " + rootCert + " (sslrootcert / PGSSLROOTCERT) does not exist.");
    }
  }

  private static Server server(
      String authority, String host, int port, String database, String user,
      Map<String, String> params) {
    StringBuilder url =
        new StringBuilder("jdbc:postgresql://").append(authority).append('/').append(encode(database));
    if (!params.isEmpty()) {
      url.append('?').append(
          params.entrySet().stream()
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&")));
    }
    return new Server(url.toString(), host, port, database, user);
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
    Optional<char[]> stored = storedPassword(host, port, database, user, warnings);
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
  public Optional<char[]> storedPassword(
      String host, int port, String database, String user, Consumer<String> warnings) {
    String fromEnv = env.get("PGPASSWORD");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Optional.of(fromEnv.toCharArray());
    }
    return PgPass.lookup(passFile(), host, Integer.toString(port), database, user, warnings)
        .map(String::toCharArray);
  }

  /**
   * The console's lookup of stored passwords for {@code server}, by the login typed in its window;
   * warnings about the password file (permissions, unreadable) go to {@code warnings}.
   */
  public StoredPasswords storedPasswords(Server server, Consumer<String> warnings) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(warnings, "warnings");
    return login ->
        storedPassword(server.host(), server.port(), server.database(), login, warnings);
  }

  /** PGPASSFILE, else ~/.pgpass. */
  public Path passFile() {
    String file = var("PGPASSFILE");
    if (file != null) {
      return Path.of(file);
    }
    return home == null ? null : home.resolve(".pgpass");
  }

  private static int port(String text, String what) {
    try {
      int p = Integer.parseInt(text.trim());
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ValidationException(what + " \"" + text + "\" is not a port number (1 to 65535).");
  }

  private static ValidationException passwordInUrl() {
    return new ValidationException(
        "--db-url must not contain a password; creditdesk reads it from PGPASSWORD, ~/.pgpass"
            + " or a prompt.");
  }

  private static String hostPart(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private String var(String name) {
    return blankToNull(env.get(name));
  }

  private static void putIfAbsent(Map<String, String> params, String key, String value) {
    if (value != null && !params.containsKey(key)) {
      params.put(key, value);
    }
  }

  private static List<String> splitList(String value) {
    List<String> items = new ArrayList<>();
    for (String s : value.split(",")) {
      items.add(s.trim());
    }
    return items;
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

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("--db-url has a malformed %-escape.");
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
