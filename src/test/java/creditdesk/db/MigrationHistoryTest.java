package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A migration file whose comments changed after it was applied does not lock a database out. */
class MigrationHistoryTest {
  private final TestDatabase db = TestPostgres.newDatabase();

  @AfterEach
  void drop() {
    db.drop();
  }

  @Test
  void theRecordedNewChecksumsAreTheFilesChecksums() {
    for (Migrations.CommentOnlyChange change : Migrations.commentOnlyChanges()) {
      assertThat(resolvedChecksum(change.version()))
          .as("checksum of V%s as Flyway computes it from the file", change.version())
          .isEqualTo(change.after());
    }
  }

  @Test
  void aDatabaseMigratedBeforeTheCommentChangeStillMigrates() {
    for (Migrations.CommentOnlyChange change : Migrations.commentOnlyChanges()) {
      db.execute("UPDATE creditdesk.flyway_schema_history SET checksum = " + change.before()
          + " WHERE version = '" + change.version() + "'");
    }

    new Migrations(db.owner()).migrate();

    for (Migrations.CommentOnlyChange change : Migrations.commentOnlyChanges()) {
      assertThat(db.text("SELECT checksum::text FROM creditdesk.flyway_schema_history"
          + " WHERE version = '" + change.version() + "'"))
          .isEqualTo(Integer.toString(change.after()));
    }
  }

  @Test
  void anyOtherChecksumIsStillRefused() {
    db.execute("UPDATE creditdesk.flyway_schema_history SET checksum = 12345 WHERE version = '1'");

    assertThatThrownBy(() -> new Migrations(db.owner()).migrate())
        .isInstanceOf(FlywayException.class);
  }

  /** Flyway's checksum of the file, from a database with no history (nothing applied to report). */
  private static int resolvedChecksum(String version) {
    TestDatabase empty = TestPostgres.newDatabase(false);
    try {
      return resolvedChecksum(empty, version);
    } finally {
      empty.drop();
    }
  }

  private static int resolvedChecksum(TestDatabase empty, String version) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(empty.owner())
        .locations("classpath:migrations")
        .schemas(Migrations.SCHEMA)
        .table(Migrations.HISTORY_TABLE)
        .load();
    for (MigrationInfo info : flyway.info().all()) {
      if (info.getVersion() != null && info.getVersion().getVersion().equals(version)) {
        return info.getChecksum();
      }
    }
    throw new AssertionError("no migration V" + version);
  }
}
