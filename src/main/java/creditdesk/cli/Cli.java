package creditdesk.cli;

import creditdesk.service.common.CreditdeskException;
import creditdesk.service.common.DatabaseErrors;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds and runs the command line; the only place that knows how failures become exit codes. */
public final class Cli {
  private Cli() {}

  public static CommandLine commandLine(CliContext context) {
    CreditdeskCommand root = new CreditdeskCommand(context);
    CommandLine cl = new CommandLine(root);
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setExecutionStrategy(
        parseResult -> {
          context.logging().accept(
              root.verbose() ? LogMode.VERBOSE
                  : parseResult.hasSubcommand() ? LogMode.QUIET : LogMode.CONSOLE);
          return new CommandLine.RunLast().execute(parseResult);
        });
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, root, context.err()));
    cl.setParameterExceptionHandler(Cli::usageError);
    return cl;
  }

  /** Runs {@code args}; returns the process exit code. */
  public static int run(CliContext context, String... args) {
    int code = commandLine(context).execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  private static int failed(Exception e, CreditdeskCommand root, PrintWriter err) {
    int code;
    String message;
    // A lost connection wins over whatever a layer above made of it (a schema check, Hibernate).
    CreditdeskException lost = DatabaseErrors.unavailable(e);
    if (lost != null) {
      code = lost.exitCode();
      message = lost.getMessage();
    } else if (e instanceof CreditdeskException ce) {
      code = ce.exitCode();
      message = ce.getMessage();
    } else {
      code = ExitCodes.OTHER;
      message = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
          + (root.verbose() ? "" : " (--verbose shows details)");
    }
    err.println("creditdesk: " + oneLine(message));
    if (root.verbose()) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** One line: the problem and where to read more (not the whole usage text). */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String hint = "";
    if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      hint = " Did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
    err.println("creditdesk: " + oneLine(e.getMessage()).replaceFirst("\\.$", "") + "." + hint + " See `"
        + cl.getCommandSpec().qualifiedName() + " --help`.");
    err.flush();
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "failed without a message";
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
