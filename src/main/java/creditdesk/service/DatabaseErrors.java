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
          case "CD007" -> new BalanceOverflowException(message, e);
          case "42501" -> new PermissionDeniedException(
              "Permission denied: your login may not do this (" + message + ").", e);
          case "28000" -> message.contains("pg_hba.conf")
              ? new DatabaseUnavailableException(
                  "The server does not accept this connection (" + message + ").", e)
              : new DatabaseUnavailableException(
                  "The database refused the login: wrong user name or password, or the login is disabled.",
                  e);
          case "28P01" -> new DatabaseUnavailableException(
              "The database refused the login: wrong user name or password, or the login is disabled.",
              e);
          case "3D000" -> new DatabaseUnavailableException("The database does not exist.", e);
          case "55P03" -> new DatabaseException(
              "The user record is busy with another change; nothing was changed. Try again.", e);
          case "57014" -> new DatabaseException(
              "The database stopped the operation because it took too long; nothing was changed.", e);
          case "22P02" -> new ValidationException("A value has the wrong form: " + message, e);
          default -> state.startsWith("08") || state.equals("57P01") || state.equals("57P03")
              ? new DatabaseUnavailableException(unreachable(root), e)
              : new DatabaseException("The database reported an error: " + message, e);
        };
    if (result instanceof DatabaseException || result instanceof DatabaseUnavailableException) {
      LOG.warn("Database error {}: {}", state, root.getMessage(), e);
    } else {
      LOG.debug("Database refused: {} {}", state, message);
    }
    return result;
  }

  /** Connection failures, with TLS verification failures said plainly. */
  private static String unreachable(SQLException e) {
    String text = firstLine(e.getMessage());
    String all = causes(e);
    if (all.contains("could not be verified by hostnameverifier")) {
      return "The server's TLS certificate does not name the host connected to"
          + " (sslmode verify-full); the connection was refused.";
    }
    if (all.contains("PKIX path") || all.contains("certification path")
        || all.contains("signature check failed")) {
      return "The server's TLS certificate is not signed by a trusted CA (sslrootcert);"
          + " the connection was refused.";
    }
    if (all.contains("Could not open SSL root certificate file")
        || all.contains("Could not read SSL root certificate file")) {
      return "The root certificate for TLS cannot be read: " + text;
    }
    if (all.contains("The server does not support SSL")) {
      return "The server does not offer TLS, which sslmode requires; the connection was refused.";
    }
    return "The database cannot be reached: " + text;
  }

  private static String causes(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null && all.length() < 10_000; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
      if (c.getCause() == c) {
        break;
      }
    }
    return all.toString();
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
