package creditdesk.service.export;

import creditdesk.service.common.CreditdeskException;

/** The export file could not be written; no file (and no temporary file) was left behind. */
public class ExportFailedException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  /** Why, which decides the exit code. */
  public enum Reason {
    /** The folder does not exist, or the target is not a file: invalid input (2). */
    NO_SUCH_FOLDER(2),
    /** The operating system refused to write there: permission denied (4). */
    NOT_WRITABLE(4),
    /** The disk or quota is full (1). */
    DISK_FULL(1),
    /** Any other input/output failure (1). */
    WRITE_FAILED(1);

    private final int exitCode;

    Reason(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  private final Reason reason;

  public ExportFailedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public int exitCode() {
    return reason.exitCode;
  }
}
