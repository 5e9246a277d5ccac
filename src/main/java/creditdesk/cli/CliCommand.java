package creditdesk.cli;

import creditdesk.service.common.CreditdeskException;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.DatabaseException;
import creditdesk.service.common.DatabaseUnavailableException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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

  /**
   * For a write command: says on stderr which idempotency key it uses, before anything is sent,
   * so that the key is known whatever happens next.
   */
  protected final void announceKey(String key) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("creditdesk: idempotency key " + key + " (run again with --idempotency-key " + key
        + " to retry safely)");
    err.flush();
  }

  /**
   * Sends a write that carries {@code key}. A failure after the request may have reached the
   * server says so and names the key (a lost connection: exit code 5); an answer of the server
   * (a rule, permissions, an error) means nothing was committed and stays as it is.
   */
  protected final <T> T send(String key, Supplier<T> write) {
    try {
      return write.get();
    } catch (RuntimeException e) {
      String retry = " It may have been applied; run again with --idempotency-key " + key
          + " to retry safely.";
      DatabaseUnavailableException lost = DatabaseErrors.unavailable(e);
      if (lost != null) {
        throw new DatabaseUnavailableException(lost.getMessage() + retry, e);
      }
      if (e instanceof CreditdeskException) {
        // The server answered with a refusal or an error: its transaction did not commit.
        throw e;
      }
      throw new DatabaseException("The write failed unexpectedly." + retry, e);
    }
  }

  /**
   * Sends a write that is safe to repeat without a key (it changes only what is still to
   * change): a lost connection says that part of it may have been applied and that running the
   * command again is safe.
   */
  protected final <T> T sendRepeatable(Supplier<T> write) {
    try {
      return write.get();
    } catch (RuntimeException e) {
      DatabaseUnavailableException lost = DatabaseErrors.unavailable(e);
      if (lost != null) {
        throw new DatabaseUnavailableException(lost.getMessage()
            + " Part of it may have been applied; running the same command again is safe.", e);
      }
      throw e;
    }
  }

  /**
   * Runs what follows a committed write (reading extra data back): its failure must not turn an
   * applied change into an error exit, so it yields {@code fallback} instead.
   */
  protected final <T> T afterCommit(Supplier<T> read, T fallback) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  /** Opens the database named by the connection options, as their login. Close it. */
  protected DatabaseAccess openDatabase() {
    return DatabaseAccess.open(context(), root().connection());
  }
}
