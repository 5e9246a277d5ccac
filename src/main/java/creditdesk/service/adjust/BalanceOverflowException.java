package creditdesk.service.adjust;

import creditdesk.service.common.CreditdeskException;

/** A grant or refund would take a balance past the largest value its column can hold. */
public class BalanceOverflowException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public BalanceOverflowException(String message) {
    super(message, null);
  }

  public BalanceOverflowException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
