package creditdesk.service.common;

import com.zaxxer.hikari.pool.HikariPool;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns driver and server errors into typed, readable ones. */
public final class DatabaseErrors {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrors.class);

  private DatabaseErrors() {}

  /**
   * A feature's own SQLSTATEs, tried before the common ones, so that common does not depend on the
   * feature packages (the adjustment's CD003..CD007 are service.adjust's).
   */
  @FunctionalInterface
  public interface OwnCodes {
    /** The typed refusal for {@code state}, or null when the state is not this feature's. */
    CreditdeskException refusal(String state, String message, SQLException cause);
  }

  public static CreditdeskException translate(SQLException e) {
    return translate(e, (state, message, cause) -> null);
  }

  public static CreditdeskException translate(SQLException e, OwnCodes own) {
    SQLException root = e;
    while (root.getNextException() != null && root.getSQLState() == null) {
      root = root.getNextException();
    }
    String state = root.getSQLState() == null ? "" : root.getSQLState();
    String message = serverMessage(root);
    CreditdeskException feature = own.refusal(state, message, e);
    CreditdeskException result =
        feature != null ? feature : switch (state) {
          case "CD001" -> new ValidationException(message, e);
          case "CD002" -> new UserNotFoundException(message, e);
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
          default -> {
            DatabaseUnavailableException lost = unavailable(e);
            yield lost != null ? lost
                : new DatabaseException("The database reported an error: " + message, e);
          }
        };
    if (result instanceof DatabaseException || result instanceof DatabaseUnavailableException) {
      LOG.warn("Database error {}: {}", state, root.getMessage(), e);
    } else {
      LOG.debug("Database refused: {} {}", state, message);
    }
    return result;
  }

  /**
   * The one place that decides whether a failure means "the database is unreachable" (exit code
   * 5): a lost, refused, terminated or silent connection anywhere in {@code failure}'s chain, as
   * the driver, Hikari, Hibernate or Flyway wrap it. Returns that failure, one sentence without
   * SQL text, or null when the chain is something else.
   */
  public static DatabaseUnavailableException unavailable(Throwable failure) {
    String generic = null;
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 50; depth++) {
      if (t instanceof DatabaseUnavailableException known) {
        return known;
      }
      String precise = precise(t);
      if (precise != null) {
        return new DatabaseUnavailableException(precise, failure);
      }
      if (generic == null && wrapsLostConnection(t)) {
        generic = "The connection to the database was lost or could not be made in time; try again.";
      }
      Throwable next = t.getCause();
      if (next == null && t instanceof SQLException sql) {
        next = sql.getNextException();
      }
      t = next == t ? null : next;
    }
    return generic == null ? null : new DatabaseUnavailableException(generic, failure);
  }

  /** What the driver or the socket says about a connection, or null. */
  private static String precise(Throwable t) {
    if (t instanceof SQLTransientConnectionException && t.getCause() != null) {
      return null; // Hikari's "Connection is not available" wraps the driver's own reason
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      if (state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
        return "The database ended the connection (it is shutting down or restarting, or an"
            + " administrator ended the session); try again.";
      }
      if (state.startsWith("08")) {
        return timedOut(sql) ? SILENT : unreachable(sql);
      }
    }
    if (t instanceof SocketTimeoutException) {
      return SILENT;
    }
    if (t instanceof EOFException || t instanceof SocketException) {
      return "The connection to the database was lost; try again.";
    }
    return null;
  }

  /** Pool and Hibernate failures that only happen when the connection is gone. */
  private static boolean wrapsLostConnection(Throwable t) {
    if (t instanceof SQLTransientConnectionException
        || t instanceof HikariPool.PoolInitializationException
        || t instanceof JDBCConnectionException) {
      return true;
    }
    String message = t.getMessage() == null ? "" : t.getMessage();
    // Hibernate could not read the connection's metadata, or end a transaction on it.
    return message.contains("Unable to determine Dialect")
        || (t instanceof TransactionException && message.contains("JDBC Connection"));
  }

  private static boolean timedOut(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SocketTimeoutException || c instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private static final String SILENT =
      "The database stopped answering (no reply in time); the connection is treated as lost.";

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
