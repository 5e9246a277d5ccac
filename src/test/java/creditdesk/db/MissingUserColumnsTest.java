package creditdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.export.ExportRequest;
import creditdesk.service.export.ExportService;
import creditdesk.service.ledger.HistoryService;
import creditdesk.service.search.UserResolver;
import creditdesk.service.search.UserSearchService;
import creditdesk.service.search.UserSummary;
import creditdesk.service.user.BalanceInitialisationService;
import creditdesk.service.user.UserDetail;
import creditdesk.service.user.UserDetailService;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import creditdesk.ui.CurrentThreadTaskExecutor;
import creditdesk.ui.user.UserServices;
import creditdesk.ui.user.UserViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a database built by the web app's own SQL, the web app's migrations drop "User" columns the
 * console only displays: the console still logs in, searches, resolves and shows users, with less.
 */
class MissingUserColumnsTest {
  private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final UUID LEGACY = UUID.fromString("00000000-0000-0000-0000-00000000000a");

  private final TestDatabase db = TestPostgres.newDatabase(false);
  private String webApp;

  @TempDir Path dir;

  @BeforeEach
  void buildWebAppDatabaseAndMigrate() throws Exception {
    webApp = db.createLogin("webapp");
    db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + webApp);
    try (Connection c = db.connectAs(webApp);
        Statement s = c.createStatement()) {
      for (String statement : PrebuiltDatabaseTest.drizzleStatements()) {
        s.execute(statement);
      }
      s.execute(
          "INSERT INTO \"User\" (id, email, name, level, renewal_period, last_payment, free_credits,"
              + " free_chat_messages) VALUES"
              + " ('" + LEGACY + "', 'legacy@example.com', 'Legacy', 'paid', 'lifetime', NULL, NULL, NULL),"
              + " ('" + ADA + "', 'ada@example.com', 'Ada', 'free', 'monthly', NULL, 7, 19)");
      s.execute("INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type)"
          + " VALUES ('" + ADA + "', 2, 'deduct', 'document_generation')");
    }
    new Migrations(db.owner()).migrate();
  }

  private void asWebApp(String sql) throws Exception {
    try (Connection c = db.connectAs(webApp);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void droppedDisplayColumnsShowLessAndNothingFails() throws Exception {
    // As the web app's history does: the plan columns and their enums go, and others with them.
    asWebApp("ALTER TABLE \"User\" DROP COLUMN level, DROP COLUMN renewal_period,"
        + " DROP COLUMN last_payment, DROP COLUMN stripe_customer_id, DROP COLUMN name,"
        + " DROP COLUMN is_demo, DROP COLUMN email_verified, DROP COLUMN created_at");
    asWebApp("DROP TYPE user_level");

    try (StaffSession session =
        new LoginService().login(db.settingsFor(db.createStaff(StaffRole.SUPPORT)))) {
      List<UserSummary> found = new UserSearchService(session.sessionFactory()).search("ada", 0).users();
      assertThat(found).extracting(UserSummary::id).containsExactly(ADA);
      UserSummary ada = found.get(0);
      assertThat(ada.name()).isNull();
      assertThat(ada.level()).isNull();
      assertThat(ada.plan().known()).isFalse();
      assertThat(ada.plan().unlimited()).isFalse();
      assertThat(ada.freeCredits()).isEqualTo(7);

      UserResolver resolver = new UserResolver(session);
      assertThat(resolver.resolve("ADA@example.com").id()).isEqualTo(ADA);
      assertThat(resolver.resolve(LEGACY.toString()).email()).isEqualTo("legacy@example.com");

      UserDetail legacy = new UserDetailService(session.sessionFactory()).load(LEGACY);
      assertThat(legacy.missing()).contains("level", "renewal_period", "last_payment", "name");
      assertThat(legacy.plan().describe()).isEqualTo("Unknown");
      assertThat(legacy.credits().webApp()).isEqualTo(10);
      assertThat(legacy.credits().unset()).isTrue();
      UserViewModel screen =
          new UserViewModel(LEGACY, session.role(),
              new UserServices(new UserDetailService(session.sessionFactory()),
                  new HistoryService(session.sessionFactory()), new AdjustmentService(session.dataSource()),
                  new BalanceInitialisationService(session.dataSource())),
              new CurrentThreadTaskExecutor(), ZoneOffset.UTC, () -> {});
      screen.start();
      assertThat(screen.getError()).isEmpty();
      assertThat(screen.getEmail()).isEqualTo("legacy@example.com");
      assertThat(screen.isLevelShown()).isFalse();
      assertThat(screen.isPlanShown()).as("no plan badge without a level").isFalse();
      assertThat(screen.isNotCharged()).isFalse();
      assertThat(screen.getCredits().getActual()).isEqualTo("10 (not set — web app default)");
      assertThat(screen.getDemo()).isEqualTo("—");
      assertThat(screen.getHistory().getEntries()).isEmpty();

      UserDetail detail = new UserDetailService(session.sessionFactory()).load(ADA);
      assertThat(detail.credits().actual()).isEqualTo(7);
      assertThat(detail.credits().deductions()).isEqualTo(2);
      assertThat(detail.createdAt()).isNull();

      Path file = dir.resolve("users.csv");
      assertThat(new ExportService(session).export(ExportRequest.searchResults("example.com"), file).rows())
          .isEqualTo(2);
      assertThat(Files.readString(file)).contains("legacy@example.com,,,").contains(",unknown,,");
    }
  }

  @Test
  void aColumnDroppedWhileLoggedInIsLearnedAgain() throws Exception {
    try (StaffSession session =
        new LoginService().login(db.settingsFor(db.createStaff(StaffRole.SUPPORT)))) {
      UserSearchService search = new UserSearchService(session.sessionFactory());
      UserDetailService details = new UserDetailService(session.sessionFactory());
      assertThat(search.search("ada", 0).users().get(0).name()).isEqualTo("Ada");
      assertThat(details.load(LEGACY).plan().describe()).isEqualTo("Lifetime");

      asWebApp("ALTER TABLE \"User\" DROP COLUMN name, DROP COLUMN renewal_period");

      assertThat(search.search("ada", 0).users()).extracting(UserSummary::name).containsExactly((String) null);
      UserDetail legacy = details.load(LEGACY);
      assertThat(legacy.plan().known()).as("paid without a renewal period").isFalse();
      assertThat(legacy.name()).isNull();
    }
  }
}
