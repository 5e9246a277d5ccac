package creditdesk.app;

import creditdesk.service.connect.ConnectionTarget;
import creditdesk.service.connect.StoredPasswords;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the console is opened on, built by the command line and handed to {@link ConsoleApp}:
 * the database, where to find a password the person stored for it (none for the embedded one),
 * and the file that remembers window size, last search and theme (null: remembered only while
 * the process runs).
 */
public record ConsoleLaunch(
    ConnectionTarget target, StoredPasswords storedPasswords, Path settingsFile) {
  public ConsoleLaunch {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(storedPasswords, "storedPasswords");
  }

  public ConsoleLaunch(ConnectionTarget target, StoredPasswords storedPasswords) {
    this(target, storedPasswords, null);
  }

  public ConsoleLaunch(ConnectionTarget target) {
    this(target, StoredPasswords.NONE);
  }
}
