package creditdesk.service.search;

import creditdesk.service.common.CreditdeskException;

/** An email fragment matches several users; the message lists them. */
public class AmbiguousUserException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public AmbiguousUserException(String message) {
    super(message, null);
  }

  public AmbiguousUserException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
