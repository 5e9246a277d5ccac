package creditdesk;

import creditdesk.app.ConsoleApp;
import creditdesk.app.ConsoleLaunch;
import creditdesk.app.SettingsFile;
import creditdesk.cli.Cli;
import creditdesk.cli.CliContext;
import creditdesk.cli.Logging;
import creditdesk.cli.SystemConsolePrompt;
import creditdesk.service.connect.ConnectionResolver;
import creditdesk.service.connect.StoredPasswords;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

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
    StoredPasswords stored =
        target instanceof ConnectionResolver.Server server
            ? resolver.storedPasswords(server, warning -> LoggerFactory.getLogger(Main.class).warn("{}", warning))
            : StoredPasswords.NONE;
    Path settings = resolver.dataDirectory(target).resolve(SettingsFile.NAME);
    return Console.open(target, stored, settings);
  }

  private static final class Console {
    static int open(ConnectionResolver.Resolved target, StoredPasswords stored, Path settings) {
      try {
        ConsoleApp.launchConsole(new ConsoleLaunch(target.target(), stored, settings));
        return 0;
      } catch (UnsupportedOperationException e) {
        // JavaFX's way of saying there is no display to open a window on.
        System.err.println("creditdesk: the console needs a graphical display (" + e.getMessage()
            + "); commands such as `creditdesk doctor` work without one.");
        return 1;
      } catch (RuntimeException e) {
        if (!(rootCause(e) instanceof UnsatisfiedLinkError)) {
          throw e;
        }
        System.err.println("creditdesk: the console cannot load JavaFX's native libraries ("
            + rootCause(e).getMessage() + "); it needs GTK 3 and X11 (on Debian: libgtk-3-0).");
        return 1;
      }
    }

    private static Throwable rootCause(Throwable t) {
      Throwable c = t;
      while (c.getCause() != null && c.getCause() != c) {
        c = c.getCause();
      }
      return c;
    }
  }
}
