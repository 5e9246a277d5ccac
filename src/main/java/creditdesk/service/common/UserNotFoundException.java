package creditdesk.service.common;

import creditdesk.service.common.CreditdeskException;

/** No user matches. */
public class UserNotFoundException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public UserNotFoundException(String message) {
    super(message, null);
  }

  public UserNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
