package creditdesk.persistence;

/** The live schema differs from creditdesk's mapping; the message is one sentence for people. */
public final class SchemaMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
