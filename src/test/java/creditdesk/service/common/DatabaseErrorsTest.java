package creditdesk.service.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.pool.HikariPool;
import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.flywaydb.core.api.FlywayException;
import org.hibernate.HibernateException;
import org.hibernate.TransactionException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * The one classifier of "database unreachable": the wrappings seen in a fault soak (Flyway,
 * Hibernate, Hikari around the driver) all come out as exit code 5 with one sentence.
 */
class DatabaseErrorsTest {
  private static final PSQLException IO = new PSQLException(
      "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE,
      new SocketTimeoutException("Read timed out"));
  private static final SQLException TERMINATED =
      new SQLException("FATAL: terminating connection due to administrator command", "57P01");

  private static String sentence(Throwable t) {
    DatabaseUnavailableException e = DatabaseErrors.unavailable(t);
    assertThat(e).as(t.toString()).isNotNull();
    assertThat(e.exitCode()).isEqualTo(5);
    assertThat(e.getMessage()).doesNotContain("\n", "select", "Exception", "HHH");
    return e.getMessage();
  }

  @Test
  void lostConnectionsUnderAnyWrappingAreUnreachable() {
    assertThat(sentence(new FlywayException("Unable to check whether table exists", IO)))
        .startsWith("The database stopped answering");
    assertThat(sentence(new GenericJDBCException(
        "JDBC exception executing SQL [select ua1_0.id from public.\"User\" ua1_0]", TERMINATED)))
        .startsWith("The database ended the connection");
    assertThat(sentence(new HibernateException("Unable to determine Dialect without JDBC metadata")))
        .startsWith("The connection to the database was lost");
    assertThat(sentence(new TransactionException("Unable to rollback against JDBC Connection",
        new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST))))
        .doesNotContain("rollback");
    assertThat(sentence(new SQLTransientConnectionException(
        "creditdesk-x - Connection is not available, request timed out after 12001ms (total=0)",
        "08001", new PSQLException("Connection attempt timed out.", PSQLState.CONNECTION_UNABLE_TO_CONNECT))))
        .doesNotContain("total=");
    assertThat(sentence(new HikariPool.PoolInitializationException(new EOFException())))
        .isNotBlank();
    assertThat(sentence(new RuntimeException(new SQLException("x", "57P03")))).isNotBlank();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(DatabaseErrors.unavailable(new SQLException("relation does not exist", "42P01"))).isNull();
    assertThat(DatabaseErrors.unavailable(new IllegalArgumentException("No enum constant"))).isNull();
    assertThat(DatabaseErrors.unavailable(new GenericJDBCException("x", new SQLException("y", "22P02"))))
        .isNull();
  }
}
