package creditdesk.service.common;

/** The database refused the login the privilege. */
public class PermissionDeniedException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(message, null);
  }

  public PermissionDeniedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 4;
  }
}
