package creditdesk.ui;

import creditdesk.service.common.CreditdeskException;
import creditdesk.service.common.DatabaseErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into the one short sentence a person sees, and logs it once: expected failures
 * ({@link CreditdeskException}) by their message (their stack only at debug level), anything else
 * with its stack trace.
 * Toolkit-free, so view models use it too.
 */
public final class Errors {
  public static final String UNEXPECTED = "Something unexpected went wrong; the details are in the log.";
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  /** Logs {@code failure} once and returns the sentence to show. */
  public static String explain(Throwable failure) {
    CreditdeskException known = known(failure);
    if (known != null) {
      // Where it was translated (DatabaseErrors) the cause was logged already, if it mattered.
      LOG.info("{}", known.getMessage());
      LOG.debug("Cause of: {}", known.getMessage(), known);
      return known.getMessage();
    }
    LOG.error("Unexpected error", failure);
    return UNEXPECTED;
  }

  /** The sentence alone, without logging. */
  public static String sentence(Throwable failure) {
    CreditdeskException known = known(failure);
    return known != null ? known.getMessage() : UNEXPECTED;
  }

  /**
   * The CreditdeskException in the cause chain (FXML and event handlers wrap them), or null. A
   * lost connection anywhere in the chain wins: it is the thing to say.
   */
  private static CreditdeskException known(Throwable failure) {
    CreditdeskException lost = DatabaseErrors.unavailable(failure);
    if (lost != null) {
      return lost;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CreditdeskException e) {
        return e;
      }
    }
    return null;
  }
}
