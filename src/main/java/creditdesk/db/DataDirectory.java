package creditdesk.db;

import java.nio.file.Path;
import java.util.Map;

/** Where the embedded database keeps its data: {@code $XDG_DATA_HOME/creditdesk}, else ~/.local/share. */
public final class DataDirectory {
  private DataDirectory() {}

  public static Path resolve(Path override, Map<String, String> env) {
    if (override != null) {
      return override.toAbsolutePath();
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "creditdesk");
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "creditdesk");
  }
}
