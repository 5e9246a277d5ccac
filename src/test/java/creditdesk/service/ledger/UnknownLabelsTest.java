package creditdesk.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.Pools;
import creditdesk.domain.Balance;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.StaffRole;
import creditdesk.domain.UserLevel;
import creditdesk.domain.UserStatus;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentResult;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.export.ExportFilter;
import creditdesk.service.export.ExportRequest;
import creditdesk.service.export.ExportService;
import creditdesk.service.search.UserSearchService;
import creditdesk.service.search.UserSummary;
import creditdesk.service.user.UserDetail;
import creditdesk.service.user.UserDetailService;
import creditdesk.testing.CsvFiles.Csv;
import creditdesk.testing.CsvFiles;
import creditdesk.testing.DatabasePerTest;
import creditdesk.testing.Staff;
import creditdesk.testing.StaffSessionExtension;
import creditdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app adds enum labels while the console runs ({@code ALTER TYPE ... ADD VALUE}) and
 * writes rows with them: every read keeps them as they are.
 */
@ExtendWith(StaffSessionExtension.class)
@DatabasePerTest
class UnknownLabelsTest {
  private static final FeatureType STANDUP = FeatureType.fromDb("standup_generation");

  private TestDatabase db;
  private String supportLogin;
  private String adminLogin;
  private StaffSession support;
  private StaffSession analyst;
  private UUID user;
  private UUID deduction;

  @TempDir Path dir;

  @BeforeEach
  void webAppAddsLabels(
      TestDatabase database,
      // Logged in before the labels exist, as a console that was already open.
      @Staff(StaffRole.SUPPORT) StaffSession supportSession,
      @Staff(StaffRole.ANALYST) StaffSession analystSession) {
    db = database;
    support = supportSession;
    supportLogin = support.login();
    analyst = analystSession;
    adminLogin = db.createStaff(StaffRole.ADMIN);
    user = db.insertUser("standup@example.com", 50, 20);
    db.execute("ALTER TYPE public.feature_type ADD VALUE 'standup_generation'");
    db.execute("ALTER TYPE public.user_level ADD VALUE 'enterprise'");
    db.execute("ALTER TYPE public.user_status ADD VALUE 'suspended'");
    db.execute("UPDATE \"User\" SET level = 'enterprise', status = 'suspended' WHERE id = '" + user + "'");
    deduction = db.webAppDeduct(user, "standup_generation", 2);
    db.webAppDeduct(user, "chat_message", 1);
  }

  @Test
  void searchAndUserDetailShowNewLevelAndStatusAsTheyAre() {
    List<UserSummary> found = new UserSearchService(support.sessionFactory()).search("standup", 0).users();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).level()).isEqualTo(UserLevel.fromDb("enterprise"));
    assertThat(found.get(0).level().isKnown()).isFalse();
    assertThat(found.get(0).status().dbValue()).isEqualTo("suspended");

    UserDetail detail = new UserDetailService(support.sessionFactory()).load(user);
    assertThat(detail.level().dbValue()).isEqualTo("enterprise");
    assertThat(detail.status()).isEqualTo(UserStatus.fromDb("suspended"));
    // The new feature moves credits: 50 - 2.
    assertThat(detail.credits().deductions()).isEqualTo(2);
    assertThat(detail.chatMessages().deductions()).isEqualTo(1);
  }

  @Test
  void historyShowsTheNewFeatureAndFiltersByIt() {
    HistoryService history = new HistoryService(support.sessionFactory());
    List<LedgerEntry> all = history.page(user, HistoryFilter.NONE, null, 10).entries();
    assertThat(all).hasSize(2);
    LedgerEntry standup = all.stream().filter(e -> e.id().equals(deduction)).findFirst().orElseThrow();
    assertThat(standup.feature()).isEqualTo(STANDUP);
    assertThat(standup.feature().balance()).isEqualTo(Balance.CREDITS);
    assertThat(standup.signedAmount()).isEqualTo(-2);
    assertThat(standup.refundable()).isEqualTo(2);

    List<LedgerEntry> filtered =
        history.page(user, new HistoryFilter(null, STANDUP, null, null, null), null, 10).entries();
    assertThat(filtered).extracting(LedgerEntry::id).containsExactly(deduction);
  }

  @Test
  void anOperationThisBuildDoesNotKnowIsShownAsItIsAndChangesNothing() throws Exception {
    db.execute("ALTER TYPE public.operation_type ADD VALUE 'expire'");
    db.execute("INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
        + " VALUES ('" + user + "', 4, 'expire', 'document_generation', '{}')");
    List<LedgerEntry> all =
        new HistoryService(support.sessionFactory()).page(user, HistoryFilter.NONE, null, 10).entries();
    LedgerEntry expire = all.stream()
        .filter(e -> e.operation().dbValue().equals("expire")).findFirst().orElseThrow();
    assertThat(expire.operation().isKnown()).isFalse();
    assertThat(expire.signedAmount()).isZero();
    assertThat(expire.refundable()).isZero();

    Path out = dir.resolve("expire.csv");
    new ExportService(analyst).export(ExportRequest.ledger(today().withOperation(OperationType.fromDb("expire"))), out);
    Csv csv = CsvFiles.read(out);
    assertThat(csv.rows()).hasSize(1);
    assertThat(csv.rows().get(0).get(csv.column("operation"))).isEqualTo("expire");
    assertThat(csv.rows().get(0).get(csv.column("signed_amount"))).isEqualTo("0");
  }

  @Test
  void ledgerAndDailyUsageExportsFilterByTheNewFeature() throws Exception {
    ExportService exports = new ExportService(analyst);
    Path ledger = dir.resolve("ledger.csv");
    exports.export(ExportRequest.ledger(today().withFeature(STANDUP)), ledger);
    Csv rows = CsvFiles.read(ledger);
    assertThat(rows.rows()).hasSize(1);
    List<String> row = rows.rows().get(0);
    assertThat(row.get(rows.column("id"))).isEqualTo(deduction.toString());
    assertThat(row.get(rows.column("feature_type"))).isEqualTo("standup_generation");
    assertThat(row.get(rows.column("balance"))).isEqualTo("free_credits");
    assertThat(row.get(rows.column("signed_amount"))).isEqualTo("-2");

    Path daily = dir.resolve("daily.csv");
    exports.export(ExportRequest.dailyUsage(today().withFeature(STANDUP)), daily);
    Csv usage = CsvFiles.read(daily);
    assertThat(usage.rows()).hasSize(1);
    assertThat(usage.rows().get(0).get(usage.column("feature_type"))).isEqualTo("standup_generation");
    assertThat(usage.rows().get(0).get(usage.column("deduct_sum"))).isEqualTo("2");
  }

  @Test
  void aLoginAfterTheChangeOffersTheNewLabelsAndAnAdminGrantsAndRefundsTheNewFeature() {
    try (StaffSession admin = new LoginService().login(db.settingsFor(adminLogin));
        HikariDataSource adminPool = Pools.open(db.settingsFor(adminLogin), "admin", 2)) {
      assertThat(admin.labels().features()).endsWith(STANDUP).contains(FeatureType.CHAT_MESSAGE);
      assertThat(admin.labels().levels()).contains(UserLevel.fromDb("enterprise"));
      assertThat(admin.labels().statuses()).contains(UserStatus.fromDb("suspended"));
      assertThat(support.labels().features()).doesNotContain(STANDUP);

      AdjustmentService adjust = new AdjustmentService(adminPool);
      AdjustmentResult grant =
          adjust.apply(AdjustmentRequest.grant(user, STANDUP, 3, "standup goodwill", null, "k-standup-1"));
      assertThat(grant.feature()).isEqualTo(STANDUP);
      assertThat(grant.operation()).isEqualTo(OperationType.GRANT);
      assertThat(db.balance(user, "free_credits")).isEqualTo(48 + 3);

      AdjustmentResult refund =
          adjust.apply(AdjustmentRequest.refund(deduction, 2, "standup failed", null, "k-standup-2"));
      assertThat(refund.feature()).isEqualTo(STANDUP);
      assertThat(db.balance(user, "free_credits")).isEqualTo(48 + 3 + 2);

      List<LedgerEntry> all =
          new HistoryService(support.sessionFactory()).page(user, HistoryFilter.NONE, null, 10).entries();
      assertThat(all).filteredOn(e -> e.source() == LedgerSource.CREDITDESK)
          .extracting(LedgerEntry::feature).containsOnly(STANDUP).hasSize(2);
    }
  }

  @Test
  void whileTheWebAppRewritesAnEnumThroughTextTheConsoleLogsInAndReads() throws Exception {
    // Drizzle's first step when it removes an enum label: the column becomes text.
    db.execute("ALTER TABLE public.\"CreditTransaction\" ALTER COLUMN feature_type TYPE text");
    db.execute("ALTER TABLE public.\"User\" ALTER COLUMN level TYPE text");
    try (StaffSession fresh = new LoginService().login(db.settingsFor(supportLogin))) {
      HistoryService history = new HistoryService(fresh.sessionFactory());
      assertThat(history.page(user, new HistoryFilter(null, STANDUP, null, null, null), null, 10).entries())
          .extracting(LedgerEntry::id).containsExactly(deduction);
      assertThat(new UserDetailService(fresh.sessionFactory()).load(user).level().dbValue())
          .isEqualTo("enterprise");
    }
    Path out = dir.resolve("text.csv");
    new ExportService(analyst).export(ExportRequest.ledger(today().withFeature(STANDUP)), out);
    assertThat(CsvFiles.read(out).rows()).hasSize(1);
  }

  private static ExportFilter today() {
    LocalDate day = LocalDate.now(java.time.ZoneOffset.UTC);
    return ExportFilter.between(day.minusDays(1), day.plusDays(1));
  }
}
