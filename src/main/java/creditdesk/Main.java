package creditdesk;

import creditdesk.cli.Cli;
import creditdesk.cli.CliContext;
import creditdesk.cli.Logging;
import creditdesk.cli.SystemConsolePrompt;
import creditdesk.service.ConnectionResolver;
import creditdesk.ui.ConsoleApp;
import creditdesk.ui.ConsoleLaunch;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * The composition root of the process: without a command it opens the desktop console, with one
 * it runs the command line. Not a JavaFX Application, so the fat jar starts on a plain JDK and
 * commands never load JavaFX.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Charset charset = Charset.defaultCharset();
    CliContext context =
        new CliContext(
            System.getenv(),
            Path.of(System.getProperty("user.home")),
            System.getProperty("user.name"),
            System.in,
            new PrintWriter(new OutputStreamWriter(System.out, charset), true),
            new PrintWriter(new OutputStreamWriter(System.err, charset), true),
            new SystemConsolePrompt(),
            Main::openConsole,
            Logging::apply);
    System.exit(Cli.run(context, args));
  }

  /** Opens the console; JavaFX is loaded only from here, only when no command is given. */
  private static int openConsole(ConnectionResolver.Resolved target, ConnectionResolver resolver) {
    return Console.open(target);
  }

  private static final class Console {
    static int open(ConnectionResolver.Resolved target) {
      ConsoleApp.launchConsole(new ConsoleLaunch(target.target()));
      return 0;
    }
  }
}
