package creditdesk.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.Pools;
import creditdesk.domain.FeatureType;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.export.ExportFilter;
import creditdesk.service.export.ExportRequest;
import creditdesk.service.export.ExportService;
import creditdesk.testing.CsvFiles.Csv;
import creditdesk.testing.CsvFiles;
import creditdesk.testing.DatabasePerTest;
import creditdesk.testing.Staff;
import creditdesk.testing.StaffSessionExtension;
import creditdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger row is creditdesk's only when creditdesk.adjust wrote it; the web app's login writing
 * {@code "source": "creditdesk"} and an admin's name into metadata changes nothing but metadata.
 * The history page and the CSV export say the same of every row.
 */
@ExtendWith(StaffSessionExtension.class)
@DatabasePerTest
class ForgedSourceTest {
  private TestDatabase db;
  private String adminLogin;
  private StaffSession support;
  private StaffSession analyst;
  private HikariDataSource adminPool;
  private UUID user;
  private UUID deduction;
  private UUID genuine;
  private UUID forged;
  private UUID webRefund;

  @TempDir Path dir;

  @BeforeEach
  void ledger(
      TestDatabase database,
      @Staff(StaffRole.SUPPORT) StaffSession supportSession,
      @Staff(StaffRole.ANALYST) StaffSession analystSession)
      throws Exception {
    db = database;
    adminLogin = db.createStaff(StaffRole.ADMIN);
    support = supportSession;
    analyst = analystSession;
    adminPool = Pools.open(db.settingsFor(adminLogin), "admin", 2);
    user = db.insertUser("forged@example.com", 20, 20);
    deduction = db.webAppDeduct(user, "document_generation", 2);
    genuine = new AdjustmentService(adminPool)
        .apply(AdjustmentRequest.grant(user, FeatureType.CHAT_TOOL_CALL, 3, "real goodwill", "T-1", "k-real"))
        .ledgerId();
    String webApp = db.createLogin("webapp");
    db.execute("GRANT SELECT, INSERT ON public.\"CreditTransaction\" TO " + webApp);
    try (Connection c = db.connectAs(webApp);
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata)"
                + " VALUES (?, ?, ?::operation_type, 'document_generation', ?::jsonb) RETURNING id")) {
      ps.setObject(1, user);
      ps.setInt(2, 500);
      ps.setString(3, "grant");
      ps.setString(4, "{\"source\":\"creditdesk\",\"actor\":\"" + adminLogin + "\",\"reason\":\"forged goodwill\","
          + "\"ticket\":\"T-9\",\"refundOf\":\"" + deduction + "\",\"balanceAfter\":999}");
      forged = insert(ps);
      ps.setInt(2, 1);
      ps.setString(3, "refund");
      ps.setString(4, "{\"refundReason\":\"generation failed\",\"documentId\":\"d-1\"}");
      webRefund = insert(ps);
    }
  }

  private static UUID insert(PreparedStatement ps) throws Exception {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getObject(1, UUID.class);
    }
  }

  @AfterEach
  void close() {
    adminPool.close();
  }

  @Test
  void historyShowsTheForgedRowAsTheWebAppsWithTheClaimOnlyInItsMetadata() {
    HistoryService history = new HistoryService(support.sessionFactory());
    List<LedgerEntry> all = history.page(user, HistoryFilter.NONE, null, 10).entries();
    LedgerEntry fake = find(all, forged);
    assertThat(fake.source()).isEqualTo(LedgerSource.WEBAPP);
    assertThat(fake.actor()).isNull();
    assertThat(fake.reason()).isNull();
    assertThat(fake.ticket()).isNull();
    assertThat(fake.refundOf()).isNull();
    assertThat(fake.balanceAfter()).isNull();
    assertThat(fake.metadataJson()).contains("forged goodwill", adminLogin, "\"source\": \"creditdesk\"");
    assertThat(find(all, deduction).refunded()).isZero();

    LedgerEntry real = find(all, genuine);
    assertThat(real.source()).isEqualTo(LedgerSource.CREDITDESK);
    assertThat(real.actor()).isEqualTo(adminLogin);
    assertThat(real.reason()).isEqualTo("real goodwill");
    assertThat(real.ticket()).isEqualTo("T-1");
    assertThat(real.balanceAfter()).isEqualTo(18 + 3);

    LedgerEntry refund = find(all, webRefund);
    assertThat(refund.source()).isEqualTo(LedgerSource.WEBAPP);
    assertThat(refund.reason()).isEqualTo("generation failed");
    assertThat(refund.actor()).isNull();

    assertThat(history.page(user, source(LedgerSource.CREDITDESK), null, 10).entries())
        .extracting(LedgerEntry::id).containsExactly(genuine);
    assertThat(history.page(user, source(LedgerSource.WEBAPP), null, 10).entries())
        .extracting(LedgerEntry::id).containsExactlyInAnyOrder(deduction, forged, webRefund);
  }

  @Test
  void theCsvExportSaysTheSameAsTheHistoryOfEveryRow() throws Exception {
    ExportService exports = new ExportService(analyst);
    Path out = dir.resolve("ledger.csv");
    exports.export(ExportRequest.ledger(today()), out);
    Csv csv = CsvFiles.read(out);
    List<LedgerEntry> screen =
        new HistoryService(support.sessionFactory()).page(user, HistoryFilter.NONE, null, 10).entries();
    assertThat(csv.rows()).hasSize(screen.size());
    for (LedgerEntry e : screen) {
      List<String> row = csv.rows().stream()
          .filter(r -> r.get(csv.column("id")).equals(e.id().toString())).findFirst().orElseThrow();
      assertThat(row.get(csv.column("source")))
          .isEqualTo(e.source() == LedgerSource.CREDITDESK ? "creditdesk" : "webapp");
      assertThat(row.get(csv.column("actor"))).isEqualTo(orEmpty(e.actor()));
      assertThat(row.get(csv.column("reason"))).isEqualTo(orEmpty(e.reason()));
      assertThat(row.get(csv.column("ticket"))).isEqualTo(orEmpty(e.ticket()));
      assertThat(row.get(csv.column("refund_of")))
          .isEqualTo(e.refundOf() == null ? "" : e.refundOf().toString());
    }
    List<String> fake = csv.rows().stream()
        .filter(r -> r.get(csv.column("id")).equals(forged.toString())).findFirst().orElseThrow();
    assertThat(fake.get(csv.column("source"))).isEqualTo("webapp");
    assertThat(fake.get(csv.column("actor"))).isEmpty();
    assertThat(fake.get(csv.column("metadata"))).contains("forged goodwill", adminLogin);

    Path ours = dir.resolve("ours.csv");
    exports.export(ExportRequest.ledger(today().withSource(LedgerSource.CREDITDESK)), ours);
    assertThat(CsvFiles.read(ours).rows()).extracting(r -> r.get(0)).containsExactly(genuine.toString());
    Path theirs = dir.resolve("theirs.csv");
    exports.export(ExportRequest.ledger(today().withSource(LedgerSource.WEBAPP)), theirs);
    assertThat(CsvFiles.read(theirs).rows()).extracting(r -> r.get(0))
        .containsExactlyInAnyOrder(deduction.toString(), forged.toString(), webRefund.toString());
    Path daily = dir.resolve("daily.csv");
    exports.export(ExportRequest.dailyUsage(today().withSource(LedgerSource.CREDITDESK)), daily);
    Csv usage = CsvFiles.read(daily);
    assertThat(usage.rows()).hasSize(1);
    assertThat(usage.rows().get(0).get(usage.column("grant_sum"))).isEqualTo("3");
  }

  private static HistoryFilter source(LedgerSource s) {
    return new HistoryFilter(null, null, null, null, s);
  }

  private static LedgerEntry find(List<LedgerEntry> entries, UUID id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static ExportFilter today() {
    LocalDate day = LocalDate.now(ZoneOffset.UTC);
    return ExportFilter.between(day.minusDays(1), day.plusDays(1));
  }
}
