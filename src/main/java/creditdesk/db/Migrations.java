package creditdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
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

  /**
   * Applied migrations whose files later changed in comments only: version, the checksum recorded
   * by earlier builds, the checksum of the file now. Flyway would refuse the whole history as
   * modified; {@link #migrate()} records the new checksum instead, and nothing else.
   */
  private static final List<CommentOnlyChange> COMMENT_ONLY_CHANGES =
      List.of(new CommentOnlyChange("1", 406121343, 1015283159));

  record CommentOnlyChange(String version, int before, int after) {}

  private final DataSource dataSource;
  private final Flyway flyway;

  public Migrations(DataSource dataSource) {
    this.dataSource = dataSource;
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
    acceptCommentOnlyChanges();
    return flyway.migrate();
  }

  static List<CommentOnlyChange> commentOnlyChanges() {
    return COMMENT_ONLY_CHANGES;
  }

  private void acceptCommentOnlyChanges() {
    String history = SCHEMA + "." + HISTORY_TABLE;
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
        exists.setString(1, history);
        try (var rs = exists.executeQuery()) {
          if (!rs.next() || !rs.getBoolean(1)) {
            return;
          }
        }
      }
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE " + history + " SET checksum = ? WHERE version = ? AND checksum = ?")) {
        for (CommentOnlyChange change : COMMENT_ONLY_CHANGES) {
          update.setInt(1, change.after());
          update.setString(2, change.version());
          update.setInt(3, change.before());
          update.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new FlywayException(
          "Could not read the migration history: " + e.getMessage(), e);
    }
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
