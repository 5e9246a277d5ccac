package creditdesk.service.adjust;

import creditdesk.service.common.CreditdeskException;

/** The transaction named for a refund is missing or not a deduction. */
public class NotRefundableException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public NotRefundableException(String message) {
    super(message, null);
  }

  public NotRefundableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
