package creditdesk.service.common;

/** Input that breaks a rule of form: nothing was changed. */
public class ValidationException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public ValidationException(String message) {
    super(message, null);
  }

  public ValidationException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 2;
  }
}
