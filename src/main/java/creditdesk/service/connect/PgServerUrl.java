package creditdesk.service.connect;

import creditdesk.service.common.ValidationException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** The JDBC URL of a resolved server, and the small text rules its parts follow. */
final class PgServerUrl {
  private PgServerUrl() {}

  /** A server whose URL carries {@code params} but never a user or password. */
  static ConnectionResolver.Server server(
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
    return new ConnectionResolver.Server(url.toString(), host, port, database, user);
  }

  static int port(String text, String what) {
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

  /** IPv6 addresses go in brackets. */
  static String hostPart(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  @SafeVarargs
  static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static String decode(String s) {
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
