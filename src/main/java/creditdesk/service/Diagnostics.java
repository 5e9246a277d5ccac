package creditdesk.service;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.ConnectionSettings;
import creditdesk.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Checks a connection the way the console will use it, step by step: connection (and TLS),
 * server version, schema version, Hibernate mapping, the login's creditdesk role. Each step is
 * reported as it completes; the first failure is reported and then thrown.
 */
public final class Diagnostics {
  public enum Outcome { OK, NOTE, FAILED }

  public record Check(String name, Outcome outcome, String detail) {}

  private Diagnostics() {}

  /**
   * @throws CreditdeskException the first failure, after reporting it as a FAILED check
   */
  public static void run(ConnectionSettings settings, Consumer<Check> report) {
    HikariDataSource pool = step("connection", report, () -> LoginService.open(settings));
    try {
      String server =
          step("connection", report, () -> {
            try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                    "SELECT session_user, current_setting('server_version'),"
                        + " (SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl)")) {
              rs.next();
              String tls = rs.getString(3) == null ? "no TLS" : rs.getString(3);
              report.accept(new Check("connection", Outcome.OK,
                  settings.displayName() + " as " + rs.getString(1) + " (" + tls + ")"));
              return rs.getString(2);
            } catch (SQLException e) {
              throw DatabaseErrors.translate(e);
            }
          });
      report.accept(new Check("server", Outcome.OK, "PostgreSQL " + server));
      pooler(pool, report);

      SchemaService.Status status = step("schema", report, () -> new SchemaService(pool).status());
      String problem = SchemaService.problem(status);
      if (problem != null) {
        fail("schema", report, new SchemaOutdatedException(problem));
      }
      report.accept(new Check("schema", Outcome.OK,
          "version " + status.applied() + " (this build: " + status.latest() + ")"));

      step("mapping", report, () -> {
        try (PersistenceUnit unit = LoginService.openPersistence(pool)) {
          return unit;
        }
      });
      report.accept(new Check("mapping", Outcome.OK, "\"User\" and \"CreditTransaction\" match"));

      LoginService.Facts facts = step("role", report, () -> LoginService.facts(pool));
      if (facts.role() == null) {
        report.accept(new Check("role", Outcome.NOTE, "none: \"" + facts.login()
            + "\" is not a staff login (fine for migrate and staff; the console refuses it)"));
      } else {
        report.accept(new Check("role", Outcome.OK, facts.role().name().toLowerCase(Locale.ROOT)));
      }
    } finally {
      pool.close();
    }
  }

  /** A note when a connection pooler is in between (see {@link PoolerCheck}). */
  private static void pooler(HikariDataSource pool, Consumer<Check> report) {
    if (step("pooler", report, () -> PoolerCheck.behindPooler(pool))) {
      report.accept(new Check("pooler", Outcome.NOTE, PoolerCheck.MEANING));
    }
  }

  private interface Step<T> {
    T run();
  }

  private static <T> T step(String name, Consumer<Check> report, Step<T> step) {
    try {
      return step.run();
    } catch (CreditdeskException e) {
      fail(name, report, e);
      return null;
    }
  }

  private static void fail(String name, Consumer<Check> report, CreditdeskException e) {
    report.accept(new Check(name, Outcome.FAILED, e.getMessage()));
    throw e;
  }
}
