package creditdesk.service.adjust;

import creditdesk.service.common.CreditdeskException;

/** A refund would give back more than is left of its deduction. */
public class RefundExceedsDeductionException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public RefundExceedsDeductionException(String message) {
    super(message, null);
  }

  public RefundExceedsDeductionException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
