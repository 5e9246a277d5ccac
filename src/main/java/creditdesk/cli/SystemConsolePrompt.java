package creditdesk.cli;

import creditdesk.service.connect.PasswordPrompt;
import java.io.Console;

/** Reads a password from the terminal without echo; null when there is no terminal. */
public final class SystemConsolePrompt implements PasswordPrompt {
  @Override
  public char[] ask(String prompt) {
    Console console = System.console();
    if (console == null) {
      return null;
    }
    return console.readPassword("%s", prompt);
  }
}
