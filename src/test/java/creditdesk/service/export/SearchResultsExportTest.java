package creditdesk.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.testing.CsvFiles.Csv;
import creditdesk.testing.CsvFiles;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search-results export says how the web app reads each user: balances and plan. */
class SearchResultsExportTest {
  private final TestDatabase db = TestPostgres.newDatabase();
  private final StaffSession session =
      new LoginService().login(db.settingsFor(db.createStaff(StaffRole.ANALYST)));

  @TempDir Path dir;

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void balancesAsTheWebAppReadsThemAndThePlanItComputes() throws Exception {
    UUID legacy = db.insertUser("a-legacy@plans.example", null, 3);
    UUID monthly = db.insertUser("b-monthly@plans.example", 4, 5);
    db.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'monthly' WHERE id = '" + monthly + "'");
    UUID yearly = db.insertUser("c-yearly@plans.example", 4, 5);
    db.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'yearly',"
        + " last_payment = date_trunc('day', now()) - interval '10 days' WHERE id = '" + yearly + "'");
    UUID lapsed = db.insertUser("d-lapsed@plans.example", 4, 5);
    db.execute("UPDATE \"User\" SET level = 'paid', renewal_period = 'yearly',"
        + " last_payment = now() - interval '13 months' WHERE id = '" + lapsed + "'");

    Path file = dir.resolve("plans.csv");
    new ExportService(session).export(ExportRequest.searchResults("plans.example"), file);
    Csv csv = CsvFiles.read(file);
    assertThat(csv.header()).isEqualTo(ExportReport.SEARCH_RESULTS.columns());
    assertThat(csv.values("id"))
        .containsExactly(legacy.toString(), monthly.toString(), yearly.toString(), lapsed.toString());
    assertThat(csv.values("free_credits")).containsExactly("", "4", "4", "4");
    assertThat(csv.values("webapp_free_credits")).containsExactly("10", "4", "4", "4");
    assertThat(csv.values("webapp_free_chat_messages")).containsExactly("3", "5", "5", "5");
    assertThat(csv.values("balances_unset")).containsExactly("free_credits", "", "", "");
    assertThat(csv.values("plan")).containsExactly("free", "paid", "yearly", "lapsed");
    assertThat(csv.values("unlimited")).containsExactly("false", "false", "true", "false");
    LocalDateTime paid = LocalDateTime.ofEpochSecond(
        db.count("SELECT extract(epoch FROM last_payment)::bigint FROM \"User\" WHERE id = '" + yearly + "'"),
        0, ZoneOffset.UTC);
    List<String> until = csv.values("plan_until");
    assertThat(until.get(2)).isEqualTo(paid.plusYears(1).toLocalDate().toString());
    assertThat(until.get(0)).isEmpty();
  }
}
