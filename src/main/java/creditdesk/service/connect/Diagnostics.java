package creditdesk.service.connect;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.ConnectionSettings;
import creditdesk.persistence.PersistenceUnit;
import creditdesk.service.common.CreditdeskException;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.schema.SchemaOutdatedException;
import creditdesk.service.schema.SchemaService;
import creditdesk.service.schema.SchemaShape;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Checks a connection the way the console will use it, step by step: connection (and TLS),
 * server version, schema version, the web app's columns and enum labels against this build's
 * ({@link SchemaShape}), Hibernate mapping, the login's creditdesk role. Each step is reported as
 * it completes; the first failure is reported and then thrown. A column or label the build does
 * not know, or a column it reads that is gone, is a note or warning, one sentence each, not a
 * failure: the console works with less. Only a table or column it cannot work without fails.
 */
public final class Diagnostics {
  public enum Outcome { OK, NOTE, WARNING, FAILED }

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

      shape(pool, report);

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

  private static void shape(javax.sql.DataSource pool, Consumer<Check> report) {
    List<SchemaShape.Finding> findings = step("columns", report, () -> {
      try (Connection c = pool.getConnection()) {
        return SchemaShape.inspect(c);
      } catch (SQLException e) {
        throw DatabaseErrors.translate(e);
      }
    });
    List<String> failures = new ArrayList<>();
    boolean columns = false;
    boolean labels = false;
    for (SchemaShape.Finding f : findings) {
      boolean label = SchemaShape.enums().stream().anyMatch(e -> e.type().equals(f.subject()));
      columns |= !label;
      labels |= label;
      report.accept(new Check(label ? "labels" : "columns",
          f.severity() == SchemaShape.Severity.NOTE ? Outcome.NOTE : Outcome.WARNING, f.sentence()));
      if (f.severity() == SchemaShape.Severity.FAILURE) {
        failures.add(f.sentence());
      }
    }
    if (!columns) {
      report.accept(new Check("columns", Outcome.OK,
          "\"User\" and \"CreditTransaction\" have the columns this build knows, no others"));
    }
    if (!labels) {
      report.accept(new Check("labels", Outcome.OK, "every enum label is one this build knows"));
    }
    if (!failures.isEmpty()) {
      fail("columns", report, new SchemaOutdatedException(
          "The console cannot work with this database: " + String.join("; ", failures) + "."));
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
