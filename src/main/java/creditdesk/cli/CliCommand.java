package creditdesk.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every creditdesk subcommand. A new command extends this, implements {@link #run()}, and
 * is listed in {@link CreditdeskCommand}'s subcommands; the connection options, --verbose, exit
 * codes and one-line errors come with it. Throw a {@code CreditdeskException} to fail: its
 * message becomes the one line on stderr and its {@code exitCode()} the process's.
 */
public abstract class CliCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  /** Does the work; returns the exit code (usually {@link ExitCodes#OK}). */
  protected abstract int run() throws Exception;

  @Override
  public final Integer call() throws Exception {
    return run();
  }

  protected CreditdeskCommand root() {
    return (CreditdeskCommand) spec.root().userObject();
  }

  protected CliContext context() {
    return root().context();
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Opens the database named by the connection options, as their login. Close it. */
  protected DatabaseAccess openDatabase() {
    return DatabaseAccess.open(context(), root().connection());
  }
}
