package creditdesk.ui;

import creditdesk.service.ConnectionTarget;
import creditdesk.service.StoredPasswords;
import java.util.Objects;

/**
 * What the console is opened on, built by the command line and handed to {@link ConsoleApp}:
 * the database, and where to find a password the person stored for it (none for the embedded one).
 */
public record ConsoleLaunch(ConnectionTarget target, StoredPasswords storedPasswords) {
  public ConsoleLaunch {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(storedPasswords, "storedPasswords");
  }

  public ConsoleLaunch(ConnectionTarget target) {
    this(target, StoredPasswords.NONE);
  }
}
