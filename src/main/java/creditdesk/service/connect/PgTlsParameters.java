package creditdesk.service.connect;

import creditdesk.service.common.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * sslmode and friends: the URL's parameters win, PG* variables fill what it leaves out. As in
 * libpq, {@code require} with a root certificate at hand verifies the CA, and
 * {@code sslrootcert=system} means the JVM's trusted CAs with full verification.
 */
final class PgTlsParameters {
  private static final String SYSTEM_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

  private final PgEnvironment env;

  PgTlsParameters(PgEnvironment env) {
    this.env = env;
  }

  /** Completes and checks the driver parameters in {@code params}, in place. */
  void apply(Map<String, String> params) {
    putIfAbsent(params, "sslmode", env.var("PGSSLMODE"));
    putIfAbsent(params, "sslrootcert", env.var("PGSSLROOTCERT"));
    putIfAbsent(params, "sslcert", env.var("PGSSLCERT"));
    putIfAbsent(params, "sslkey", env.var("PGSSLKEY"));
    String timeout = env.var("PGCONNECT_TIMEOUT");
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
      if (!ConnectionResolver.SSL_MODES.contains(mode)) {
        throw new ValidationException(
            "sslmode \"" + params.get("sslmode") + "\" is not one of "
                + String.join(", ", ConnectionResolver.SSL_MODES) + ".");
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
    Path home = env.home();
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

  private static void putIfAbsent(Map<String, String> params, String key, String value) {
    if (value != null && !params.containsKey(key)) {
      params.put(key, value);
    }
  }
}
