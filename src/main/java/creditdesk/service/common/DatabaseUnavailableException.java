package creditdesk.service.common;

/** The database could not be reached, or refused the login. */
public class DatabaseUnavailableException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message) {
    super(message, null);
  }

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 5;
  }
}
