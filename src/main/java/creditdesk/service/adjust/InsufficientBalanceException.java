package creditdesk.service.adjust;

import creditdesk.service.common.CreditdeskException;

/** A correction would make a balance negative; the message gives the current balance. */
public class InsufficientBalanceException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public InsufficientBalanceException(String message) {
    super(message, null);
  }

  public InsufficientBalanceException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
