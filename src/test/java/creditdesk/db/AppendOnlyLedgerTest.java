package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.testing.SqlOutcome;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ledger rows are never updated or deleted, by anyone; deleting a user still cascades. */
class AppendOnlyLedgerTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private UUID ada;
  private UUID bob;
  private UUID adaRow;

  @BeforeEach
  void ledger() {
    ada = db.insertUser("ada@example.com", 10, 20);
    bob = db.insertUser("bob@example.com", 10, 20);
    adaRow = db.webAppDeduct(ada, "document_generation", 2);
    db.webAppDeduct(ada, "chat_message", 1);
    db.webAppDeduct(bob, "workstream_clustering", 2);
  }

  private List<String> changes() {
    return List.of(
        "UPDATE \"CreditTransaction\" SET amount = 1 WHERE id = '" + adaRow + "'",
        "UPDATE \"CreditTransaction\" SET metadata = '{}'",
        "DELETE FROM \"CreditTransaction\" WHERE id = '" + adaRow + "'",
        "DELETE FROM \"CreditTransaction\"",
        "TRUNCATE \"CreditTransaction\"",
        "TRUNCATE \"User\" CASCADE");
  }

  @Test
  void ownerCannotChangeLedgerRows() throws Exception {
    try (Connection c = db.ownerConnection()) {
      for (String change : changes()) {
        SqlOutcome outcome = SqlOutcome.attempt(c, change);
        assertThat(outcome.sqlState()).as(change).isEqualTo("42501");
        assertThat(outcome.message()).as(change).contains("append-only");
      }
    }
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\"")).isEqualTo(3);
  }

  @Test
  void staffCannotChangeLedgerRowsEvenWithAMistakenGrant() throws Exception {
    for (StaffRole role : StaffRole.values()) {
      String login = db.createStaff(role);
      try (Connection c = db.connectAs(login)) {
        for (String change : changes().subList(0, 5)) {
          assertThat(SqlOutcome.attempt(c, change).permissionDenied()).as(role + ": " + change).isTrue();
        }
        // A DBA's mistake: the guard is a trigger, not a missing grant, so it still holds.
        db.execute("GRANT UPDATE, DELETE, TRUNCATE ON \"CreditTransaction\" TO " + login);
        for (String change : changes().subList(0, 5)) {
          SqlOutcome outcome = SqlOutcome.attempt(c, change);
          assertThat(outcome.sqlState()).as(role + " with grant: " + change).isEqualTo("42501");
          assertThat(outcome.message()).as(role + " with grant: " + change).contains("append-only");
        }
        // Nor can a staff login switch the guard off.
        assertThat(SqlOutcome.attempt(c, "ALTER TABLE \"CreditTransaction\" DISABLE TRIGGER"
            + " creditdesk_ledger_append_only").sqlState()).isEqualTo("42501");
        assertThat(SqlOutcome.attempt(c, "SET session_replication_role = replica").sqlState())
            .isEqualTo("42501");
      }
    }
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\"")).isEqualTo(3);
  }

  @Test
  void deletingAUserCascadesToItsLedgerRowsOnly() {
    db.execute("DELETE FROM \"User\" WHERE id = '" + ada + "'");
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + ada + "'"))
        .isZero();
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\" WHERE user_id = '" + bob + "'"))
        .isEqualTo(1);
  }

  @Test
  void aDirectDeleteIsNotMistakenForTheCascade() throws Exception {
    try (Connection c = db.ownerConnection()) {
      // The user goes in the same statement, but the ledger delete is the statement's own.
      SqlOutcome sameStatement = SqlOutcome.attempt(c,
          "WITH gone AS (DELETE FROM \"User\" WHERE id = '" + ada + "' RETURNING id)"
              + " DELETE FROM \"CreditTransaction\" WHERE user_id IN (SELECT id FROM gone)");
      assertThat(sameStatement.message()).contains("append-only");
      // Nested in a trigger (depth 2, like the cascade), but the user still exists.
      db.execute("CREATE TABLE scratch (user_id uuid);"
          + " CREATE FUNCTION scratch_purge() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " DELETE FROM \"CreditTransaction\" WHERE user_id = NEW.user_id; RETURN NULL; END $$;"
          + " CREATE TRIGGER scratch_purge AFTER INSERT ON scratch FOR EACH ROW"
          + " EXECUTE FUNCTION scratch_purge()");
      SqlOutcome nested = SqlOutcome.attempt(c, "INSERT INTO scratch VALUES ('" + ada + "')");
      assertThat(nested.message()).contains("append-only");
    }
    assertThat(db.count("SELECT count(*) FROM \"CreditTransaction\"")).isEqualTo(3);
  }
}
