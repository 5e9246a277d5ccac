package creditdesk.cli;

import creditdesk.service.connect.ConnectionResolver;
import creditdesk.service.connect.PasswordPrompt;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the command line takes from its surroundings, so that tests can hand in their own:
 * environment variables cannot be set inside a running JVM, and a test has no terminal.
 *
 * @param prompt asks for a password on the terminal; answers null without one
 * @param console opens the desktop console (the command line never imports JavaFX itself)
 * @param logging configures logging once the command line is parsed
 */
public record CliContext(
    Map<String, String> env,
    Path home,
    String osUser,
    InputStream stdin,
    PrintWriter out,
    PrintWriter err,
    PasswordPrompt prompt,
    ConsoleLauncher console,
    Consumer<LogMode> logging) {

  public ConnectionResolver resolver() {
    return new ConnectionResolver(env, home, osUser);
  }

  /** Prints a warning (an ignored password file, say) as one line on stderr. */
  public void warn(String message) {
    err.println("creditdesk: warning: " + message);
    err.flush();
  }
}
