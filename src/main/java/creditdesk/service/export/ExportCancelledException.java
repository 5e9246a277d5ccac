package creditdesk.service.export;

import creditdesk.service.common.CreditdeskException;

/** The export was cancelled; no file was written. */
public class ExportCancelledException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public ExportCancelledException(Throwable cause) {
    super("The export was cancelled; no file was written.", cause);
  }

  @Override
  public int exitCode() {
    return 1;
  }
}
