package creditdesk.service.adjust;

import creditdesk.service.common.CreditdeskException;

/** An idempotency key was reused with different content. */
public class IdempotencyConflictException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public IdempotencyConflictException(String message) {
    super(message, null);
  }

  public IdempotencyConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
