package creditdesk.service.common;

/**
 * A failure the person using creditdesk can understand: the message is one plain sentence and
 * never carries an SQLSTATE or a stack trace. The cause, if any, is for the log.
 */
public abstract class CreditdeskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected CreditdeskException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Process exit code for the command line. */
  public abstract int exitCode();
}
