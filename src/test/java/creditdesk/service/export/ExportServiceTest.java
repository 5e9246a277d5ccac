package creditdesk.service.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.Pools;
import creditdesk.domain.FeatureType;
import creditdesk.domain.OperationType;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentResult;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.common.CreditdeskException;
import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.ledger.LedgerSource;
import creditdesk.testing.CsvFiles.Csv;
import creditdesk.testing.CsvFiles;
import creditdesk.testing.DatabasePerTest;
import creditdesk.testing.Staff;
import creditdesk.testing.StaffSessionExtension;
import creditdesk.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Ledger and daily-usage exports as an analyst, checked against SQL written independently. */
@ExtendWith(StaffSessionExtension.class)
@DatabasePerTest
class ExportServiceTest {
  static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);

  private TestDatabase db;
  private String analyst;
  private ExportService exports;
  private HikariDataSource adminPool;
  private UUID alice;
  private UUID bob;
  private UUID carol;

  @TempDir Path dir;

  @BeforeEach
  void ledger(TestDatabase database, @Staff(StaffRole.ANALYST) StaffSession session) {
    db = database;
    analyst = session.login();
    exports = new ExportService(session);
    alice = db.insertUser("alice@example.com", 1000, 1000);
    bob = db.insertUser("bob@example.com", 1000, 1000);
    carol = db.insertUser("carol@example.com", 1000, 1000);
    // ~3,000 rows over 15 days, every operation, feature and source; some on the day boundaries.
    db.execute(
        "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata, created_at)"
            + " SELECT (ARRAY['" + alice + "','" + bob + "','" + carol + "']::uuid[])[1 + i % 3],"
            + " 1 + (i * 7) % 5,"
            + " (ARRAY['deduct','grant','refund'])[1 + (i * 11) % 3]::operation_type,"
            + " (ARRAY['document_generation','workstream_clustering','chat_tool_call','chat_message'])"
            + "   [1 + (i * 13) % 4]::feature_type,"
            + " CASE WHEN i % 5 = 0 THEN jsonb_build_object('source', 'creditdesk', 'reason', 'r' || i,"
            + "   'actor', 'admin_x', 'ticket', 'T-' || i)"
            + "   ELSE jsonb_build_object('documentType', 'weekly_report') END,"
            + " TIMESTAMP '2026-03-01' + i * interval '7 minutes 13.123457 seconds'"
            + " FROM generate_series(1, 3000) i");
    db.execute(
        "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata, created_at)"
            + " VALUES ('" + alice + "', 3, 'deduct', 'chat_tool_call', NULL, '2026-03-04 23:59:59.999999'),"
            + " ('" + alice + "', 4, 'deduct', 'chat_tool_call', '{}', '2026-03-05 00:00:00'),"
            + " ('" + bob + "', 5, 'grant', 'chat_message', '[1,2]', '2026-03-05 00:00:00')");
    // Most rows that say they are creditdesk's are, as creditdesk.adjust records them; the rest
    // only claim it (metadata anyone can write) and count as the web app's.
    db.execute(
        "INSERT INTO creditdesk.adjustment (idempotency_key, request, ledger_id, user_id, operation,"
            + " feature_type, amount, refund_of, balance_before, balance_after, actor, created_at)"
            + " SELECT 'k-' || t.id, jsonb_build_object('reason', t.metadata->>'reason', 'ticket',"
            + " t.metadata->>'ticket'), t.id, t.user_id, t.operation, t.feature_type, t.amount, NULL, 0, 0,"
            + " 'admin_x', t.created_at FROM \"CreditTransaction\" t"
            + " WHERE t.metadata->>'source' = 'creditdesk' AND right(t.metadata->>'reason', 1) <> '5'");
  }

  @AfterEach
  void close() {
    if (adminPool != null) {
      adminPool.close();
    }
  }

  @Test
  void ledgerRowsAndSumsMatchTheSameFilterInSql() throws Exception {
    List<ExportFilter> filters = new ArrayList<>();
    ExportFilter range = ExportFilter.between(DAY1.plusDays(1), DAY1.plusDays(6));
    filters.add(range);
    filters.add(ExportFilter.between(DAY1.plusDays(4), DAY1.plusDays(4)));
    filters.add(ExportFilter.between(DAY1.plusDays(3), DAY1.plusDays(3)));
    filters.add(ExportFilter.between(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 31)));
    filters.add(ExportFilter.between(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)));
    for (OperationType op : OperationType.known()) {
      filters.add(range.withOperation(op));
    }
    for (FeatureType f : FeatureType.known()) {
      filters.add(range.withFeature(f));
    }
    for (LedgerSource s : LedgerSource.values()) {
      filters.add(range.withSource(s));
    }
    filters.add(range.withUser(bob));
    filters.add(range.withUser(carol).withOperation(OperationType.GRANT)
        .withFeature(FeatureType.CHAT_MESSAGE).withSource(LedgerSource.WEBAPP));
    filters.add(ExportFilter.ANY.withUser(alice));

    for (ExportFilter f : filters) {
      Path out = dir.resolve("ledger.csv");
      ExportResult result = exports.export(ExportRequest.ledger(f), out);
      Csv csv = CsvFiles.read(out);
      assertThat(csv.header()).isEqualTo(ExportReport.LEDGER.columns());
      String where = expectedWhere(f);
      List<String> ids = ids("SELECT id FROM \"CreditTransaction\" t" + where + " ORDER BY created_at, id");
      assertThat(csv.values("id")).as("ids for %s", f).isEqualTo(ids);
      assertThat(result.rows()).isEqualTo(ids.size());
      assertThat(result.bytes()).isEqualTo(Files.size(out));
      assertThat(csv.sum("amount")).as("sum for %s", f)
          .isEqualTo(db.count("SELECT coalesce(sum(amount), 0) FROM \"CreditTransaction\" t" + where));
      assertThat(csv.sum("signed_amount")).as("signed sum for %s", f)
          .isEqualTo(db.count("SELECT coalesce(sum(CASE operation WHEN 'deduct' THEN -amount"
              + " ELSE amount END), 0) FROM \"CreditTransaction\" t" + where));
      CsvFiles.assertNoFormulas(csv);
      for (List<String> row : csv.rows()) {
        String feature = row.get(csv.column("feature_type"));
        assertThat(row.get(csv.column("balance")))
            .isEqualTo(feature.equals("chat_message") ? "free_chat_messages" : "free_credits");
        assertThat(row.get(csv.column("created_at")))
            .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
        if (f.hasDates()) {
          LocalDate day = LocalDate.parse(row.get(csv.column("created_at")).substring(0, 10));
          assertThat(day).isBetween(f.from(), f.to());
        }
      }
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("ledger.csv");
  }

  @Test
  void columnsCarryTimeSourceActorReasonTicketAndRefundLink() throws Exception {
    adminPool = Pools.open(db.settingsFor(db.createStaff(StaffRole.ADMIN)), "admin", 2);
    AdjustmentService adjust = new AdjustmentService(adminPool);
    UUID deduction = db.webAppDeduct(alice, "document_generation", 2);
    AdjustmentResult refund = adjust.apply(
        AdjustmentRequest.refund(deduction, 1, "failed document", "SUP-7", "k-export-1"));
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    Path out = dir.resolve("today.csv");
    exports.export(ExportRequest.ledger(ExportFilter.between(today.minusDays(1), today.plusDays(1))), out);
    Csv csv = CsvFiles.read(out);
    assertThat(csv.rows()).hasSize(2);
    List<String> web = csv.rows().get(0);
    List<String> ours = csv.rows().get(1);
    assertThat(web.get(csv.column("id"))).isEqualTo(deduction.toString());
    assertThat(web.get(csv.column("source"))).isEqualTo("webapp");
    assertThat(web.get(csv.column("signed_amount"))).isEqualTo("-2");
    assertThat(web.get(csv.column("actor"))).isEmpty();
    assertThat(ours.get(csv.column("source"))).isEqualTo("creditdesk");
    assertThat(ours.get(csv.column("operation"))).isEqualTo("refund");
    assertThat(ours.get(csv.column("amount"))).isEqualTo("1");
    assertThat(ours.get(csv.column("signed_amount"))).isEqualTo("1");
    assertThat(ours.get(csv.column("actor"))).startsWith("t_admin_");
    assertThat(ours.get(csv.column("reason"))).isEqualTo("failed document");
    assertThat(ours.get(csv.column("ticket"))).isEqualTo("SUP-7");
    assertThat(ours.get(csv.column("refund_of"))).isEqualTo(deduction.toString());
    assertThat(ours.get(csv.column("id"))).isEqualTo(refund.ledgerId().toString());
    String created = db.text("SELECT to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.US') FROM"
        + " \"CreditTransaction\" WHERE id = '" + refund.ledgerId() + "'");
    assertThat(ours.get(csv.column("created_at"))).isEqualTo(created.replace(' ', 'T') + "Z");
    assertThat(ours.get(csv.column("metadata")))
        .isEqualTo(db.text("SELECT metadata::text FROM \"CreditTransaction\" WHERE id = '"
            + refund.ledgerId() + "'"));
  }

  @Test
  void emailOnlyWhenAskedAndTheAnalystCannotReadPasswords() throws Exception {
    assertThat(db.text("SELECT has_column_privilege('" + analyst + "', '\"User\"', 'password', 'SELECT')::text"))
        .isEqualTo("false");
    ExportFilter day = ExportFilter.between(DAY1.plusDays(2), DAY1.plusDays(2));
    Path without = dir.resolve("without.csv");
    Path with = dir.resolve("with.csv");
    exports.export(ExportRequest.ledger(day), without);
    exports.export(ExportRequest.ledger(day).withEmail(), with);
    Csv plain = CsvFiles.read(without);
    Csv mailed = CsvFiles.read(with);
    assertThat(plain.header()).doesNotContain("email");
    assertThat(Files.readString(without)).doesNotContain("@example.com");
    assertThat(mailed.header()).last().isEqualTo("email");
    assertThat(mailed.rows()).hasSameSizeAs(plain.rows()).isNotEmpty();
    for (List<String> row : mailed.rows()) {
      String email = db.text("SELECT email FROM \"User\" WHERE id = '" + row.get(mailed.column("user_id")) + "'");
      assertThat(row.get(mailed.column("email"))).isEqualTo(email);
    }
    assertThat(ExportService.sql(ExportRequest.ledger(day).withEmail())).doesNotContainIgnoringCase("password");
  }

  @Test
  void dailyUsageEqualsAGroupByOfTheSameRange() throws Exception {
    for (ExportFilter f : List.of(
        ExportFilter.between(DAY1, DAY1.plusDays(20)),
        ExportFilter.between(DAY1.plusDays(3), DAY1.plusDays(4)).withSource(LedgerSource.CREDITDESK),
        ExportFilter.between(DAY1.plusDays(3), DAY1.plusDays(9)).withUser(alice))) {
      Path out = dir.resolve("daily.csv");
      exports.export(ExportRequest.dailyUsage(f), out);
      Csv csv = CsvFiles.read(out);
      assertThat(csv.header()).isEqualTo(ExportReport.DAILY_USAGE.columns());
      List<List<String>> expected = rows(
          "SELECT to_char(date_trunc('day', created_at), 'YYYY-MM-DD'), feature_type::text,"
              + " sum(CASE WHEN operation = 'deduct' THEN 1 ELSE 0 END),"
              + " sum(CASE WHEN operation = 'deduct' THEN amount ELSE 0 END),"
              + " sum(CASE WHEN operation = 'grant' THEN 1 ELSE 0 END),"
              + " sum(CASE WHEN operation = 'grant' THEN amount ELSE 0 END),"
              + " sum(CASE WHEN operation = 'refund' THEN 1 ELSE 0 END),"
              + " sum(CASE WHEN operation = 'refund' THEN amount ELSE 0 END)"
              + " FROM \"CreditTransaction\" t" + expectedWhere(f)
              + " GROUP BY 1, 2 ORDER BY 1, min(feature_type)");
      assertThat(csv.rows()).as("daily usage for %s", f).isEqualTo(expected).isNotEmpty();
      CsvFiles.assertNoFormulas(csv);
    }
  }

  @Test
  void byteOrderMarkOnlyOnRequest() throws Exception {
    ExportFilter day = ExportFilter.between(DAY1.plusDays(2), DAY1.plusDays(2));
    Path plain = dir.resolve("plain.csv");
    Path excel = dir.resolve("excel.csv");
    exports.export(ExportRequest.ledger(day), plain);
    exports.export(ExportRequest.ledger(day).withByteOrderMark(), excel);
    assertThat(CsvFiles.read(plain).bom()).isFalse();
    assertThat(Files.readString(plain)).startsWith("id,created_at,");
    assertThat(CsvFiles.read(excel).bom()).isTrue();
    assertThat(Files.size(excel)).isEqualTo(Files.size(plain) + 3);
  }

  @Test
  void progressReportsAnEstimateAndTheFinalCount() throws Exception {
    List<ExportProgress> seen = new ArrayList<>();
    ExportRequest all = ExportRequest.ledger(ExportFilter.between(DAY1, DAY1.plusDays(30)));
    ExportResult r = exports.export(all, dir.resolve("p.csv"), seen::add, new ExportCancellation());
    assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
    assertThat(seen.get(0).rows()).isZero();
    assertThat(seen.get(0).estimatedRows()).isPositive();
    assertThat(seen.get(seen.size() - 1).rows()).isEqualTo(r.rows()).isEqualTo(3003);
    assertThat(exports.estimateRows(all)).isPositive();
  }

  @Test
  void requestsAreValidated() {
    assertThatThrownBy(() -> ExportFilter.between(DAY1.plusDays(1), DAY1))
        .isInstanceOf(ValidationException.class).hasMessageContaining("after the end date");
    assertThatThrownBy(() -> ExportRequest.ledger(ExportFilter.ANY))
        .isInstanceOf(ValidationException.class).hasMessage("An export needs a start and an end date.");
    assertThatThrownBy(() -> ExportRequest.dailyUsage(ExportFilter.between(DAY1, DAY1)).withEmail())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ExportRequest.searchResults("  "))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ExportReport.parse("everything"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("Unknown report \"everything\"; use ledger, daily-usage or search-results.")
        .extracting(e -> ((CreditdeskException) e).exitCode())
        .isEqualTo(2);
    for (ExportReport r : ExportReport.values()) {
      assertThat(ExportReport.parse(r.label())).as("the message names what parse accepts").isEqualTo(r);
    }
  }

  /** The same filter as the export's, written differently (days by cast, not by range). */
  private static String expectedWhere(ExportFilter f) {
    List<String> c = new ArrayList<>();
    if (f.hasDates()) {
      c.add("t.created_at::date BETWEEN DATE '" + f.from() + "' AND DATE '" + f.to() + "'");
    }
    if (f.operation() != null) {
      c.add("t.operation::text = '" + f.operation().dbValue() + "'");
    }
    if (f.feature() != null) {
      c.add("t.feature_type::text = '" + f.feature().dbValue() + "'");
    }
    if (f.userId() != null) {
      c.add("t.user_id = '" + f.userId() + "'");
    }
    if (f.source() != null) {
      c.add((f.source() == LedgerSource.CREDITDESK ? "" : "NOT ")
          + "EXISTS (SELECT FROM creditdesk.adjustment x WHERE x.ledger_id = t.id)");
    }
    return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
  }

  private List<String> ids(String sql) throws SQLException {
    return rows(sql).stream().map(r -> r.get(0)).toList();
  }

  private List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Connection c = db.ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  static void insertRow(TestDatabase db, UUID user, String op, String feature, int amount,
      String metadataJson) {
    try (Connection c = db.ownerConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO \"CreditTransaction\" (user_id, amount, operation, feature_type, metadata,"
                + " created_at) VALUES (?, ?, ?::operation_type, ?::feature_type, ?::jsonb,"
                + " TIMESTAMP '2026-03-02 10:00:00')")) {
      ps.setObject(1, user);
      ps.setInt(2, amount);
      ps.setString(3, op);
      ps.setString(4, feature);
      ps.setString(5, metadataJson);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
