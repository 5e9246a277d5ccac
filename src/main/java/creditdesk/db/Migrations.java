package creditdesk.db;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * creditdesk's Flyway migrations (the {@code migrations/} folder): the web app's baseline where its
 * tables are absent, then creditdesk's own objects in schema {@code creditdesk}, whose history
 * table lives there too.
 */
public final class Migrations {
  public static final String SCHEMA = "creditdesk";
  public static final String HISTORY_TABLE = "flyway_schema_history";

  private final Flyway flyway;

  public Migrations(DataSource dataSource) {
    this.flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:migrations")
            .schemas(SCHEMA)
            .defaultSchema(SCHEMA)
            .table(HISTORY_TABLE)
            .createSchemas(true)
            .validateMigrationNaming(true)
            .cleanDisabled(true)
            // A session-level lock: a transaction-level one stays open in Flyway's own connection
            // and CREATE INDEX CONCURRENTLY would wait for it forever.
            .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
            .load();
  }

  public MigrateResult migrate() {
    return flyway.migrate();
  }

  /** Applied, newest known, pending and unknown versions, from one look at the history. */
  public record Snapshot(
      String applied, String latestKnown, List<String> pending, List<String> unknownApplied) {}

  public Snapshot snapshot() {
    MigrationInfoService info = flyway.info();
    MigrationInfo current = info.current();
    return new Snapshot(
        current == null || current.getVersion() == null ? null : current.getVersion().toString(),
        latestKnownVersion(info),
        pending(info),
        unknownApplied(info));
  }

  /** The newest version this build knows. */
  public String latestKnownVersion() {
    return latestKnownVersion(flyway.info());
  }

  private static String latestKnownVersion(MigrationInfoService info) {
    return Arrays.stream(info.all())
        .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
            && m.getState() != MigrationState.FUTURE_FAILED)
        .map(MigrationInfo::getVersion)
        .filter(v -> v != null)
        .max(Comparable::compareTo)
        .map(Object::toString)
        .orElse("0");
  }

  /** The newest version applied to the database, or null when none is. */
  public String appliedVersion() {
    MigrationInfo current = flyway.info().current();
    return current == null || current.getVersion() == null ? null : current.getVersion().toString();
  }

  /** Migrations this build has that the database has not applied, oldest first. */
  public List<String> pending() {
    return pending(flyway.info());
  }

  private static List<String> pending(MigrationInfoService info) {
    return Arrays.stream(info.pending())
        .map(m -> "V" + m.getVersion() + " " + m.getDescription())
        .toList();
  }

  /** Applied migrations this build does not know: the database is newer than this console. */
  public List<String> unknownApplied() {
    return unknownApplied(flyway.info());
  }

  private static List<String> unknownApplied(MigrationInfoService info) {
    return Arrays.stream(info.all())
        .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS)
        .map(m -> "V" + m.getVersion() + " " + m.getDescription())
        .toList();
  }
}
