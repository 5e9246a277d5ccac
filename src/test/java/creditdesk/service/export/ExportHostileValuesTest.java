package creditdesk.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import creditdesk.db.Pools;
import creditdesk.domain.FeatureType;
import creditdesk.domain.StaffRole;
import creditdesk.service.adjust.AdjustmentRequest;
import creditdesk.service.adjust.AdjustmentService;
import creditdesk.service.adjust.AdjustmentValidation;
import creditdesk.service.common.ValidationException;
import creditdesk.service.connect.LoginService;
import creditdesk.service.connect.StaffSession;
import creditdesk.service.search.SearchPage;
import creditdesk.service.search.UserSearchService;
import creditdesk.service.search.UserSummary;
import creditdesk.testing.CsvFiles.Csv;
import creditdesk.testing.CsvFiles;
import creditdesk.testing.TestDatabase;
import creditdesk.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that break naive CSV writers or turn into formulas in a spreadsheet survive the export
 * unchanged apart from the neutralising quote, in every text column.
 */
class ExportHostileValuesTest {
  static final List<String> CORPUS = List.of(
      "=SUM(A1:A9)", "=cmd|' /C calc'!A0", "+1+2", "-3", "@SUM(1)", "\tTAB first", "\rCR first",
      "\nLF first", "\r\nCRLF first", "plain", "comma, inside", "\"quoted\" start", "quote \" in",
      "ends with quote\"", "\"\"", "line\nbreak", "line\r\nbreak", "cr\ronly", "trailing LF\n",
      " leading space", "trailing space ", "ünïcödé 日本語 עברית", "emoji 😀👍🏽🇩🇪 family 👨‍👩‍👧",
      "'already quoted", "\\N", "\\.", "NULL", "a,b\"c\nd\re", "'=not a formula", "x=1", "",
      "zero\u200bwidth", "\u202eright-to-left", "=", "-", "+", "@", "'", ",", "\"", ";=1", "—dash",
      "１２３ fullwidth", "\uD83D\uDCA9 surrogate pair", "tab\tinside", "%s %n {}", "<script>x</script>");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestDatabase db = TestPostgres.newDatabase();
  private final StaffSession session =
      new LoginService().login(db.settingsFor(db.createStaff(StaffRole.ANALYST)));
  private final ExportService exports = new ExportService(session);
  private final HikariDataSource adminPool =
      Pools.open(db.settingsFor(db.createStaff(StaffRole.ADMIN)), "admin", 2);

  @TempDir Path dir;

  @AfterEach
  void close() {
    session.close();
    adminPool.close();
  }

  private static boolean accepted(Runnable check) {
    try {
      check.run();
      return true;
    } catch (ValidationException e) {
      return false;
    }
  }

  @Test
  void corpusRoundTripsThroughAnRfc4180Parser() throws Exception {
    List<String> values = new ArrayList<>(CORPUS);
    // And random text, seeded for repeatability: no NUL (PostgreSQL text cannot hold it), no
    // lone surrogates (not text at all); weighted towards what breaks CSV.
    Random seed = new Random(20260301L);
    for (int i = 0; i < 150; i++) {
      values.add(randomText(seed));
    }

    Map<UUID, String> emailOf = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      String email = truncate(v, 40) + "#" + i + "@x";
      UUID user = db.insertUser(email, 100, 100);
      emailOf.put(user, email);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("refundReason", v);
      meta.put("ticket", v);
      meta.put("actor", v);
      meta.put("refundOf", v);
      meta.put("title", v);
      ExportServiceTest.insertRow(db, user, "refund", "document_generation", 1 + i,
          JSON.writeValueAsString(meta));
      // Scalars as metadata: a negative number's JSON text starts with '-'.
      ExportServiceTest.insertRow(db, user, "deduct", "chat_message", 1,
          i % 2 == 0 ? JSON.writeValueAsString(v) : "-" + (i + 1));
    }
    // Through creditdesk's own adjustments too, with what their text rules accept (no control or
    // invisible characters, except line breaks and tabs in a reason; reasons of 3 characters).
    AdjustmentService adjust = new AdjustmentService(adminPool);
    UUID someone = emailOf.keySet().iterator().next();
    for (String v : CORPUS) {
      if (accepted(() -> AdjustmentValidation.reason(v))) {
        adjust.apply(AdjustmentRequest.grant(someone, FeatureType.CHAT_TOOL_CALL, 1, v,
            accepted(() -> AdjustmentValidation.ticket(v)) ? v : null, AdjustmentRequest.newKey()));
      }
    }

    Path out = dir.resolve("hostile.csv");
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    exports.export(ExportRequest.ledger(ExportFilter.between(LocalDate.of(2026, 3, 1), today.plusDays(1)))
        .withEmail().withByteOrderMark(), out);
    Csv csv = CsvFiles.read(out);
    assertThat(csv.bom()).isTrue();
    CsvFiles.assertNoFormulas(csv);

    Map<String, Map<String, String>> expected = expectedCells();
    assertThat(csv.rows()).hasSize(expected.size());
    int nonTrivial = 0;
    for (List<String> row : csv.rows()) {
      Map<String, String> want = expected.get(row.get(csv.column("id")));
      assertThat(want).isNotNull();
      for (String column : List.of("actor", "reason", "ticket", "refund_of", "metadata", "email")) {
        String raw = want.get(column);
        String cell = row.get(csv.column(column));
        assertThat(cell).as("%s of %s", column, row.get(0))
            .isEqualTo(raw == null ? "" : CsvText.neutralise(raw));
        // Unchanged apart from the neutralising prefix:
        String back = CsvText.startsFormula(raw) ? cell.substring(1) : cell;
        assertThat(back).isEqualTo(raw == null ? "" : raw);
        if (raw != null && CsvText.startsFormula(raw)) {
          nonTrivial++;
        }
      }
    }
    assertThat(nonTrivial).as("the corpus really had formula starters").isGreaterThan(20);
  }

  @Test
  void searchResultsExportNeutralisesNamesAndEmails() throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < CORPUS.size(); i++) {
      UUID id = db.insertUser(truncate(CORPUS.get(i), 30) + "hostile" + i + "@x", i, null);
      ids.add(id);
      try (Connection c = db.ownerConnection();
          PreparedStatement ps = c.prepareStatement("UPDATE \"User\" SET name = ? WHERE id = ?")) {
        ps.setString(1, CORPUS.get(i));
        ps.setObject(2, id);
        ps.executeUpdate();
      }
    }
    for (int i = 0; i < 120; i++) {
      db.insertUser("many" + i + "-hostile@example.com", 10, 20);
    }
    Path out = dir.resolve("users.csv");
    ExportResult r = exports.export(ExportRequest.searchResults("hostile"), out);
    Csv csv = CsvFiles.read(out);
    assertThat(csv.header()).isEqualTo(ExportReport.SEARCH_RESULTS.columns());
    CsvFiles.assertNoFormulas(csv);

    // Every match, in the order the search screen pages them.
    UserSearchService search = new UserSearchService(session.sessionFactory());
    List<UserSummary> shown = new ArrayList<>();
    for (int page = 0; ; page++) {
      SearchPage p = search.search("hostile", page);
      shown.addAll(p.users());
      if (!p.hasMore()) {
        break;
      }
    }
    assertThat(shown).hasSize(CORPUS.size() + 120);
    assertThat(r.rows()).isEqualTo(shown.size());
    assertThat(csv.values("id")).isEqualTo(shown.stream().map(u -> u.id().toString()).toList());
    for (int i = 0; i < shown.size(); i++) {
      UserSummary u = shown.get(i);
      List<String> row = csv.rows().get(i);
      assertThat(row.get(csv.column("email"))).isEqualTo(CsvText.neutralise(u.email()));
      assertThat(row.get(csv.column("name"))).isEqualTo(u.name() == null ? "" : CsvText.neutralise(u.name()));
      assertThat(row.get(csv.column("level"))).isEqualTo(u.level().dbValue());
      assertThat(row.get(csv.column("free_chat_messages")))
          .isEqualTo(u.freeChatMessages() == null ? "" : u.freeChatMessages().toString());
    }
  }

  private Map<String, Map<String, String>> expectedCells() throws Exception {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    try (Connection c = db.ownerConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            // Actor, ticket and refund link only for rows creditdesk.adjust wrote; a web-app
            // row's reason is its refundReason.
            "SELECT t.id, CASE WHEN t.ours THEN t.metadata->>'actor' END,"
                + " CASE WHEN t.ours THEN t.metadata->>'reason' ELSE t.metadata->>'refundReason' END,"
                + " CASE WHEN t.ours THEN t.metadata->>'ticket' END,"
                + " CASE WHEN t.ours THEN t.metadata->>'refundOf' END, t.metadata::text, u.email"
                + " FROM (SELECT c.*, EXISTS (SELECT FROM creditdesk.adjustment a WHERE a.ledger_id = c.id)"
                + " AS ours FROM \"CreditTransaction\" c) t JOIN \"User\" u ON u.id = t.user_id")) {
      while (rs.next()) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("actor", rs.getString(2));
        m.put("reason", rs.getString(3));
        m.put("ticket", rs.getString(4));
        m.put("refund_of", rs.getString(5));
        m.put("metadata", rs.getString(6));
        m.put("email", rs.getString(7));
        out.put(rs.getString(1), m);
      }
    }
    return out;
  }

  static String randomText(Random r) {
    StringBuilder b = new StringBuilder();
    int length = r.nextInt(30);
    for (int i = 0; i < length; i++) {
      int kind = r.nextInt(6);
      int cp = switch (kind) {
        case 0 -> "=+-@\t\r\n\",'; ".charAt(r.nextInt(12));
        case 1 -> 1 + r.nextInt(0x7F);
        case 2 -> 0x80 + r.nextInt(0x800 - 0x80);
        case 3 -> 0x800 + r.nextInt(0xD800 - 0x800);
        case 4 -> 0xE000 + r.nextInt(0xFFFE - 0xE000);
        default -> 0x10000 + r.nextInt(0x10FFFF - 0x10000);
      };
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  private static String truncate(String s, int max) {
    // By code point, so that no surrogate pair is cut in half.
    return s.codePoints().limit(max).collect(StringBuilder::new, StringBuilder::appendCodePoint,
        StringBuilder::append).toString();
  }
}
