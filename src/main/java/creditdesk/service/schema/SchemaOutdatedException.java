package creditdesk.service.schema;

import creditdesk.service.common.CreditdeskException;

/** The database lacks migrations this console needs, or has newer ones. */
public class SchemaOutdatedException extends CreditdeskException {
  private static final long serialVersionUID = 1L;

  public SchemaOutdatedException(String message) {
    super(message, null);
  }

  public SchemaOutdatedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 6;
  }
}
