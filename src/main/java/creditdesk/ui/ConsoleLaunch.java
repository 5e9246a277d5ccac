package creditdesk.ui;

import creditdesk.service.ConnectionTarget;
import java.util.Objects;

/** What the console is opened on; built by the command line and handed to {@link ConsoleApp}. */
public record ConsoleLaunch(ConnectionTarget target) {
  public ConsoleLaunch {
    Objects.requireNonNull(target, "target");
  }
}
