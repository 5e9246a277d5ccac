package creditdesk.service.schema;

import creditdesk.db.Migrations;
import creditdesk.service.common.CreditdeskException;
import creditdesk.service.common.DatabaseErrors;
import creditdesk.service.common.DatabaseException;
import creditdesk.service.common.DatabaseUnavailableException;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;

/** creditdesk's schema version on a database: what is applied, what this build would apply. */
public final class SchemaService {
  /** {@code applied} is null when no creditdesk migration has run on the database. */
  public record Status(String applied, String latest, List<String> pending, List<String> unknown) {
    public boolean current() {
      return applied != null && pending.isEmpty() && unknown.isEmpty();
    }
  }

  /** What one {@link #migrate()} did; {@code applied} is empty when there was nothing to do. */
  public record MigrationReport(String before, String after, List<String> applied,
      List<String> unknown) {}

  private final DataSource dataSource;

  public SchemaService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Status status() {
    try {
      Migrations.Snapshot now = new Migrations(dataSource).snapshot();
      return new Status(now.applied(), now.latestKnown(), now.pending(), now.unknownApplied());
    } catch (FlywayException e) {
      throw translate(e, "The creditdesk schema version cannot be read");
    }
  }

  /** Why the console cannot work with a schema in this state, or null when it can. */
  public static String problem(Status s) {
    if (s.applied() == null) {
      return "This database has no creditdesk schema yet (this build has version " + s.latest()
          + "); a database owner runs `creditdesk migrate`.";
    }
    if (!s.pending().isEmpty()) {
      return "The database is at creditdesk schema version " + s.applied() + ", this build needs "
          + s.latest() + " (pending: " + String.join(", ", s.pending())
          + "); a database owner runs `creditdesk migrate`.";
    }
    if (!s.unknown().isEmpty()) {
      return "The database has creditdesk migrations newer than this build ("
          + String.join(", ", s.unknown()) + "); install the matching creditdesk.";
    }
    return null;
  }

  /** The status, or {@link SchemaOutdatedException} (exit code 6) saying what is missing. */
  public Status requireCurrent() {
    Status s = status();
    String problem = problem(s);
    if (problem != null) {
      throw new SchemaOutdatedException(problem);
    }
    return s;
  }

  /** Applies the pending migrations; run by a database owner. */
  public MigrationReport migrate() {
    try {
      Migrations m = new Migrations(dataSource);
      MigrateResult result = m.migrate();
      List<String> applied =
          result.migrations.stream().map(o -> "V" + o.version + " " + o.description).toList();
      Migrations.Snapshot now = m.snapshot();
      return new MigrationReport(
          result.initialSchemaVersion, now.applied(), applied, now.unknownApplied());
    } catch (FlywayException e) {
      throw translate(e, "The migration failed");
    }
  }

  /** The database's own refusal when there is one (permission, connection), else Flyway's. */
  private static CreditdeskException translate(FlywayException e, String what) {
    DatabaseUnavailableException lost = DatabaseErrors.unavailable(e);
    if (lost != null) {
      return lost;
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && sql.getSQLState() != null) {
        return DatabaseErrors.translate(sql);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.strip().replaceAll("\\s*\\n\\s*", " ");
    if (e instanceof FlywayValidateException) {
      return new SchemaOutdatedException(
          "The creditdesk migrations in the database differ from this build's: " + message, e);
    }
    return new DatabaseException(what + ": " + message, e);
  }
}
