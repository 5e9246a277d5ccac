package creditdesk.service.common;

/** Any other database failure; the cause is logged, the message stays short. */
public class DatabaseException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(String message) {
    super(message, null);
  }

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 1;
  }
}
