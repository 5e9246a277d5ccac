package creditdesk.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import creditdesk.domain.StaffRole;
import creditdesk.service.common.PermissionDeniedException;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.HistoryFilter;
import creditdesk.testing.CsvFiles;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which exports each role's grants allow, as the database answers, and that the answer is right:
 * what is allowed runs, what is refused fails with one sentence and leaves no file.
 */
class ExportPermissionsTest {
  private final TestDatabase db = TestPostgres.newDatabase();

  @TempDir Path dir;

  @Test
  void everyRoleMayExportHistoryAndSearchResultsAndTheExportsRun() throws Exception {
    UUID user = db.insertUser("perm@example.com", 10, 20);
    db.webAppDeduct(user, "document_generation", 2);
    db.webAppDeduct(user, "chat_message", 1);
    for (StaffRole role : StaffRole.values()) {
      try (StaffSession session = new LoginService().login(db.settingsFor(db.createStaff(role)))) {
        ExportService exports = new ExportService(session);
        assertThat(exports.permissions()).as(role.label()).isEqualTo(new ExportPermissions(true, true));
        ExportResult history = exports.export(
            ExportRequest.history(user, HistoryFilter.NONE).withEmail(), dir.resolve(role + "-h.csv"));
        assertThat(history.rows()).as(role.label()).isEqualTo(2);
        ExportResult search =
            exports.export(ExportRequest.searchResults("perm@"), dir.resolve(role + "-s.csv"));
        assertThat(search.rows()).as(role.label()).isEqualTo(1);
      }
    }
  }

  @Test
  void aRevokedGrantIsSeenBeforeAndExplainedAfter() {
    UUID user = db.insertUser("revoked@example.com", 10, 20);
    db.webAppDeduct(user, "document_generation", 2);
    String support = db.createStaff(StaffRole.SUPPORT);
    // Grants are per database: this changes only this test's copy.
    db.execute("REVOKE SELECT ON \"CreditTransaction\" FROM creditdesk_support");
    db.execute("REVOKE SELECT (email) ON \"User\" FROM creditdesk_support");
    try (StaffSession session = new LoginService().login(db.settingsFor(support))) {
      ExportService exports = new ExportService(session);
      assertThat(exports.permissions()).isEqualTo(new ExportPermissions(false, false));

      Path history = dir.resolve("history.csv");
      assertThatThrownBy(() -> exports.export(ExportRequest.history(user, HistoryFilter.NONE), history))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("Your login may not read what this export needs (permission denied for table"
              + " CreditTransaction); no file was written. Ask a database owner for the grant.");
      Path search = dir.resolve("search.csv");
      assertThatThrownBy(() -> exports.export(ExportRequest.searchResults("revoked@"), search))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageStartingWith("Your login may not read what this export needs (permission denied for table User");
      assertThat(Files.exists(history)).isFalse();
      assertThat(Files.exists(search)).isFalse();
    }
  }

  @Test
  void aDisplayColumnTheLoginMayNotReadIsExportedEmptyWhileIdAndEmailAreRequired() throws Exception {
    db.insertUser("private@example.com", 10, 20);
    String support = db.createStaff(StaffRole.SUPPORT);
    db.execute("REVOKE SELECT (name) ON \"User\" FROM creditdesk_support");
    try (StaffSession session = new LoginService().login(db.settingsFor(support))) {
      ExportService exports = new ExportService(session);
      assertThat(exports.permissions().searchResults()).isTrue();
      Path file = dir.resolve("private.csv");
      assertThat(exports.export(ExportRequest.searchResults("private@"), file).rows()).isEqualTo(1);
      CsvFiles.Csv csv = CsvFiles.read(file);
      assertThat(csv.rows().get(0).get(csv.column("name"))).isEmpty();
      assertThat(csv.rows().get(0).get(csv.column("email"))).isEqualTo("private@example.com");
    }
  }
}
