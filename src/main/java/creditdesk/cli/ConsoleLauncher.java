package creditdesk.cli;

import creditdesk.service.connect.ConnectionResolver;

/** Opens the desktop console on a target and returns the process exit code when it closes. */
@FunctionalInterface
public interface ConsoleLauncher {
  /**
   * @param resolver finds a stored password (PGPASSWORD, ~/.pgpass) for the login the console asks for
   */
  int launch(ConnectionResolver.Resolved target, ConnectionResolver resolver);
}
