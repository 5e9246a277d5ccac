package creditdesk.service;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns driver and server errors into typed, readable ones. */
public final class DatabaseErrors {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrors.class);

  private DatabaseErrors() {}

  public static CreditdeskException translate(SQLException e) {
    SQLException root = e;
    while (root.getNextException() != null && root.getSQLState() == null) {
      root = root.getNextException();
    }
    String state = root.getSQLState() == null ? "" : root.getSQLState();
    String message = serverMessage(root);
    CreditdeskException result =
        switch (state) {
          case "CD001" -> new ValidationException(message, e);
          case "CD002" -> new UserNotFoundException(message, e);
          case "CD003" -> new InsufficientBalanceException(message, e);
          case "CD004" -> new RefundExceedsDeductionException(message, e);
          case "CD005" -> new IdempotencyConflictException(message, e);
          case "CD006" -> new NotRefundableException(message, e);
          case "42501" -> new PermissionDeniedException(
              "Permission denied: your login may not do this (" + message + ").", e);
          case "28P01", "28000" -> new DatabaseUnavailableException(
              "The database refused the login: wrong user name or password, or the login is disabled.",
              e);
          case "3D000" -> new DatabaseUnavailableException("The database does not exist.", e);
          case "55P03" -> new DatabaseException(
              "The user record is busy with another change; nothing was changed. Try again.", e);
          case "57014" -> new DatabaseException(
              "The database stopped the operation because it took too long; nothing was changed.", e);
          case "22P02" -> new ValidationException("A value has the wrong form: " + message, e);
          default -> state.startsWith("08") || state.equals("57P01") || state.equals("57P03")
              ? new DatabaseUnavailableException(
                  "The database cannot be reached: " + firstLine(root.getMessage()), e)
              : new DatabaseException("The database reported an error: " + message, e);
        };
    if (result instanceof DatabaseException || result instanceof DatabaseUnavailableException) {
      LOG.warn("Database error {}: {}", state, root.getMessage(), e);
    } else {
      LOG.debug("Database refused: {} {}", state, message);
    }
    return result;
  }

  private static String serverMessage(SQLException e) {
    if (e instanceof PSQLException p) {
      ServerErrorMessage sem = p.getServerErrorMessage();
      if (sem != null && sem.getMessage() != null) {
        return sem.getMessage();
      }
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).replaceFirst("^ERROR: ", "");
  }
}
