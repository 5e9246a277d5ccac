package creditdesk.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The libpq password file ({@code ~/.pgpass} or {@code PGPASSFILE}): lines of
 * {@code hostname:port:database:username:password}, {@code *} matching anything in the first four
 * fields, a backslash escaping the next character, {@code #} starting a comment line. The first
 * matching line wins. As libpq does, a file that others may read or write is ignored with a
 * warning. pgjdbc's own parser reads the process environment, which tests cannot set, hence this.
 */
public final class PgPass {
  private static final Set<PosixFilePermission> GROUP_OR_OTHER =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private PgPass() {}

  /** The password for the connection from {@code file}, if the file exists, is private and matches. */
  public static Optional<String> lookup(
      Path file, String host, String port, String database, String user, Consumer<String> warnings) {
    if (file == null || !Files.exists(file)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      warnings.accept("The password file " + file + " is not a plain file; it is ignored.");
      return Optional.empty();
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
        warnings.accept(
            "The password file " + file + " may be read by others (chmod 600 it); it is ignored.");
        return Optional.empty();
      }
    } catch (UnsupportedOperationException e) {
      // No POSIX permissions (Windows): libpq does not check there either.
    } catch (IOException e) {
      warnings.accept("The password file " + file + " cannot be read: " + e.getMessage());
      return Optional.empty();
    }
    try {
      return find(Files.readString(file, StandardCharsets.UTF_8), host, port, database, user);
    } catch (IOException e) {
      warnings.accept("The password file " + file + " cannot be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The password of the first line of {@code content} that matches. */
  public static Optional<String> find(
      String content, String host, String port, String database, String user) {
    String[] wanted = {host, port, database, user};
    for (String line : content.split("\r?\n", -1)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int pos = 0;
      boolean matches = true;
      for (String value : wanted) {
        pos = matchField(line, pos, value);
        if (pos < 0) {
          matches = false;
          break;
        }
      }
      if (matches) {
        return Optional.of(password(line, pos));
      }
    }
    return Optional.empty();
  }

  /** Position after the field at {@code start} and its colon if it matches {@code value}, else -1. */
  private static int matchField(String line, int start, String value) {
    if (line.startsWith("*:", start)) {
      return start + 2;
    }
    StringBuilder field = new StringBuilder();
    int i = start;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        field.append(line.charAt(i + 1));
        i += 2;
      } else if (c == ':') {
        return field.toString().equals(value) ? i + 1 : -1;
      } else {
        field.append(c);
        i++;
      }
    }
    return -1;
  }

  /** The rest of the line up to an unescaped colon, without escapes. */
  private static String password(String line, int start) {
    StringBuilder p = new StringBuilder();
    for (int i = start; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        p.append(line.charAt(++i));
      } else if (c == ':') {
        break;
      } else {
        p.append(c);
      }
    }
    return p.toString();
  }
}
